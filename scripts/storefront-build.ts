import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The storefront's build (web/ → web/dist with Vite), made only when it is missing or stale:
 * stale means the hash of what the build is made from (web/'s sources, the Vite config, the
 * OpenAPI document and the lockfile) differs from the one stored beside the build. Used by
 * `npm start`, `npm run build:web` and the CDK app, so each sees the same build.
 *
 * Safe when two platforms start at once: one builds under a lock file while the other waits,
 * and a build is made in a temporary folder and renamed into place, so web/dist is never half
 * written.
 */

const ROOT = join(__dirname, '..');
export const WEB_DIR = join(ROOT, 'web');
export const STOREFRONT_DIST = join(WEB_DIR, 'dist');
/** The hash of the sources a build was made from, written into the build's own folder. */
const STAMP = '.source-hash';
const LOCK = join(WEB_DIR, '.build.lock');
const INPUTS = ['vite.config.mts', 'docs/openapi.json', 'package-lock.json'];
const LOCK_WAIT_MS = 180_000;

function webSources(folder = WEB_DIR): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'dist' || entry.name === 'node_modules') return [];
    const path = join(folder, entry.name);
    return entry.isDirectory() ? webSources(path) : [path];
  });
}

/** The hash of everything the build is made from, by path and content. */
export function storefrontSourceHash(): string {
  const hash = createHash('sha256');
  const files = [...webSources(), ...INPUTS.map((input) => join(ROOT, input))].sort();
  for (const file of files) {
    hash.update(relative(ROOT, file).split('\\').join('/')).update('\0');
    hash.update(existsSync(file) ? readFileSync(file) : '(missing)').update('\0');
  }
  return hash.digest('hex');
}

function builtHash(): string | undefined {
  const stamp = join(STOREFRONT_DIST, STAMP);
  return existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
}

export interface StorefrontBuild {
  /** True when this call ran Vite; false when the build in place was current. */
  built: boolean;
  milliseconds: number;
}

/** Builds web/ into web/dist when it is missing or stale; otherwise does nothing (and loads no Vite). */
export async function ensureStorefrontBuild(options: { force?: boolean } = {}): Promise<StorefrontBuild> {
  const started = Date.now();
  const wanted = storefrontSourceHash();
  if (!options.force && builtHash() === wanted) return { built: false, milliseconds: Date.now() - started };
  const release = await acquireLock();
  try {
    // Another process may have built the same sources while this one waited for the lock.
    if (!options.force && builtHash() === wanted) return { built: false, milliseconds: Date.now() - started };
    await buildInto(wanted);
    return { built: true, milliseconds: Date.now() - started };
  } finally {
    release();
  }
}

async function buildInto(hash: string): Promise<void> {
  const temporary = join(WEB_DIR, `.dist-${process.pid}-${Date.now()}`);
  try {
    const { build } = await import('vite');
    await build({
      configFile: join(ROOT, 'vite.config.mts'),
      logLevel: 'warn',
      // Rolldown's note on slow plugins is about a busy machine, not the build: not for npm start's log.
      build: { outDir: temporary, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
    });
    writeFileSync(join(temporary, STAMP), `${hash}\n`);
    const previous = `${temporary}-previous`;
    if (existsSync(STOREFRONT_DIST)) renameSync(STOREFRONT_DIST, previous);
    renameSync(temporary, STOREFRONT_DIST);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/** An exclusive lock between processes: a file created only if absent, holding its owner's pid. */
async function acquireLock(): Promise<() => void> {
  mkdirSync(WEB_DIR, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const descriptor = openSync(LOCK, 'wx');
      writeFileSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(LOCK, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!lockOwnerAlive()) {
      rmSync(LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`The storefront build lock ${LOCK} is still held after ${LOCK_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** False when the process that holds the lock is gone (killed mid-build), so the lock is stale. */
function lockOwnerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(LOCK, 'utf8'));
  } catch {
    return true; // just released, or just created and not yet written: look again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
