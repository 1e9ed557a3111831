import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/** A free loopback port, picked once so every restart answers at the same URL. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every platform this process started and has not seen exit: killed if this process exits first. */
const live = new Set<number>();
process.once('exit', () => killAllPlatforms());

/** SIGKILLs every platform still running (a test that timed out, a runner that failed). */
export function killAllPlatforms(): void {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

export interface PlatformProcess {
  url: string;
  startupMs: number;
  /** `kill -9`: no shutdown hook runs, whatever was in memory is gone. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `local/main.ts` as `npm start -- --data-dir DIR` does, in its own process (as the e2e
 * global setup spawns it), and waits for its ready line.
 */
export async function startPlatformProcess(options: {
  port: number;
  dataDir: string;
  seed: 'small' | 'none';
  faultSeed: number;
  env: Record<string, string>;
  onOutput?: (text: string) => void;
}): Promise<PlatformProcess> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local/main.ts',
      '--port',
      String(options.port),
      '--seed',
      options.seed,
      '--data-dir',
      options.dataDir,
      '--fault-seed',
      String(options.faultSeed),
    ],
    // detached: the platform leads its own process group, so a crash takes DynamoDB Local with it.
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  if (child.pid) live.add(child.pid);
  child.once('exit', () => live.delete(child.pid!));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`platform not ready after 180 s:\n${output.slice(-4000)}`)),
      180_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      options.onOutput?.(chunk.toString());
      const match = /Bazaar is ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code} before ready:\n${output.slice(-4000)}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    url,
    startupMs: Date.now() - startedAt,
    async crash() {
      signalGroup('SIGKILL');
      await exited;
    },
    async stop() {
      signalGroup('SIGTERM');
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 20_000).unref());
      await Promise.race([exited, timeout]);
      signalGroup('SIGKILL');
      await exited;
    },
  };
}
