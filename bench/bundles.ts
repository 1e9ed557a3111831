/**
 * Builds every manifest handler's bundle with the esbuild options the CDK uses
 * (`FUNCTION_BUNDLING`; the infra tests skip bundling), then prints each function's bundle size
 * and module init time — the time a fresh Node process takes to require the bundle, with
 * the `NODE_OPTIONS` the functions run with — and the median and largest of each. With
 * `--analyze`, also the packages that weigh most across all bundles (from esbuild's metafile).
 *
 *   npm run bench bundles                  # sizes and init times
 *   npx tsx bench/bundles.ts --analyze     # … and what makes the bundles big
 *   npx tsx bench/bundles.ts --only catalog --runs 5 --keep
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { FUNCTION_BUNDLING, resolveHandler } from '../cdk/constructs/service-function';
import { routes, rules, schedules, stateMachines, streams } from '../functions/manifest';
import type { HandlerRef } from '../shared/manifests/types';

const REPO_ROOT = join(__dirname, '..');
/** The issue's target for the median function, set when the SDK was left out of the bundles. */
const MEDIAN_TARGET_KB = 250;
/** What `ServiceFunction` sets; `--enable-source-maps` makes Node read the map while loading. */
const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `FUNCTION_BUNDLING` as esbuild's own options; a CDK option this does not know is an error, not a silent difference. */
export function esbuildOptions(bundling: Record<string, unknown>): BuildOptions {
  const known: Record<string, (value: unknown) => BuildOptions> = {
    minify: (value) => ({ minify: value as boolean }),
    sourceMap: (value) => ({ sourcemap: value as boolean }),
    sourcesContent: (value) => ({ sourcesContent: value as boolean }),
    target: (value) => ({ target: value as string }),
    format: (value) => ({ format: value as 'cjs' | 'esm' }),
    externalModules: (value) => ({ external: [...(value as string[])] }),
    mainFields: (value) => ({ mainFields: [...(value as string[])] }),
  };
  let options: BuildOptions = { bundle: true, platform: 'node', logLevel: 'error' };
  for (const [key, value] of Object.entries(bundling)) {
    const translate = known[key];
    if (!translate) throw new Error(`bench/bundles.ts does not know the CDK bundling option ${key}`);
    options = { ...options, ...translate(value) };
  }
  return options;
}

function handlerRefs(): HandlerRef[] {
  const refs = new Set<HandlerRef>(
    [...routes, ...rules, ...streams, ...schedules].map((entry) => entry.handler),
  );
  for (const machine of stateMachines) for (const ref of Object.values(machine.taskHandlers)) refs.add(ref);
  return [...refs].sort();
}

/**
 * The AWS SDK and everything it brings (the dependency closure of the project's `@aws-sdk/*`
 * packages), so the size can be read both ways: the whole bundle, and the bundle without the
 * SDK, which is what the 250 KB target was set against when the SDK was left to the runtime.
 */
function sdkPackages(): Set<string> {
  const manifest = (name: string) => {
    const path = join(REPO_ROOT, 'node_modules', name, 'package.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { dependencies?: object }) : {};
  };
  const declared = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).dependencies as object;
  const pending = Object.keys(declared).filter((name) => name.startsWith('@aws-sdk/'));
  const found = new Set<string>();
  while (pending.length) {
    const name = pending.pop()!;
    if (found.has(name)) continue;
    found.add(name);
    pending.push(...Object.keys(manifest(name).dependencies ?? {}));
  }
  return found;
}

interface Measured {
  ref: HandlerRef;
  bytes: number;
  /** What the bundle would weigh with the AWS SDK left out. */
  withoutSdk: number;
  initMs: number;
  metafile: Metafile;
  outfile: string;
}

/** Requires the bundle in a fresh process and reports how long `require` took (median of `runs`). */
function initTime(outfile: string, runs: number): number {
  const probe = `const t=process.hrtime.bigint();require(${JSON.stringify(outfile)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, ['-e', probe], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        // Modules left out of the bundle load from the repo, as the runtime's own copy would.
        NODE_PATH: join(REPO_ROOT, 'node_modules'),
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
        AWS_REGION: 'us-east-1',
        POWERTOOLS_SERVICE_NAME: 'bench',
        POWERTOOLS_METRICS_NAMESPACE: 'Bazaar',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    if (result.status !== 0) throw new Error(`requiring ${outfile} failed:\n${result.stderr}`);
    times.push(Number(result.stdout));
  }
  return median(times);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `node_modules/@scope/name/…` → `@scope/name`; the repo's own code by its top folder. */
function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input.split('/').slice(0, 2).join('/');
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function printAnalysis(measured: Measured[]): void {
  const perPackage = new Map<string, { bytes: number; bundles: number }>();
  for (const each of measured) {
    const output = Object.values(each.metafile.outputs).find((out) => out.entryPoint)!;
    const inBundle = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      inBundle.set(name, (inBundle.get(name) ?? 0) + bytesInOutput);
    }
    for (const [name, bytes] of inBundle) {
      const total = perPackage.get(name) ?? { bytes: 0, bundles: 0 };
      perPackage.set(name, { bytes: total.bytes + bytes, bundles: total.bundles + 1 });
    }
  }
  console.log('\nWhat weighs most, summed over all bundles (KB in output, bundles that carry it):');
  const top = [...perPackage].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 30);
  for (const [name, { bytes, bundles }] of top) {
    console.log(`${kb(bytes).padStart(10)}  ${String(bundles).padStart(3)}  ${name}`);
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const only = argument('only');
  const runs = Number(argument('runs') ?? 3);
  const outdir = mkdtempSync(join(tmpdir(), 'bazaar-bundles-'));
  const options = esbuildOptions(FUNCTION_BUNDLING);
  const refs = handlerRefs().filter((ref) => !only || ref.includes(only));
  console.log(`${refs.length} handlers, esbuild ${JSON.stringify(options)}`);
  const measured: Measured[] = [];
  const sdk = sdkPackages();
  try {
    for (const [index, ref] of refs.entries()) {
      const { entry } = resolveHandler(ref, REPO_ROOT);
      const outfile = join(outdir, String(index), 'index.js');
      const result = await build({ ...options, entryPoints: [entry], outfile, metafile: true });
      const output = Object.values(result.metafile.outputs).find((out) => out.entryPoint)!;
      const sdkBytes = Object.entries(output.inputs)
        .filter(([input]) => sdk.has(packageOf(input)))
        .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
      measured.push({
        ref,
        outfile,
        bytes: statSync(outfile).size,
        withoutSdk: statSync(outfile).size - sdkBytes,
        initMs: initTime(outfile, runs),
        metafile: result.metafile,
      });
    }
    const bySize = [...measured].sort((a, b) => b.bytes - a.bytes);
    console.log(`\n${'bundle'.padStart(8)} ${'w/o SDK'.padStart(8)} ${'init'.padStart(8)}  handler`);
    for (const each of bySize) {
      console.log(
        `${kb(each.bytes).padStart(8)} ${kb(each.withoutSdk).padStart(8)} ${`${each.initMs.toFixed(0)} ms`.padStart(8)}  ${each.ref}`,
      );
    }
    const medianBytes = median(measured.map((each) => each.withoutSdk));
    const largest = bySize[0]!;
    const slowest = [...measured].sort((a, b) => b.initMs - a.initMs)[0]!;
    const largestWithoutSdk = Math.max(...measured.map((each) => each.withoutSdk));
    console.log(
      `\nsize: median ${kb(median(measured.map((each) => each.bytes)))}, largest ${kb(largest.bytes)} (${largest.ref})`,
    );
    console.log(
      `without the SDK: median ${kb(medianBytes)} (target ≤ ${MEDIAN_TARGET_KB} KB: ${
        medianBytes <= MEDIAN_TARGET_KB * 1024 ? 'met' : 'NOT met'
      }), largest ${kb(largestWithoutSdk)}`,
    );
    console.log(
      `init: median ${median(measured.map((each) => each.initMs)).toFixed(0)} ms, largest ${slowest.initMs.toFixed(0)} ms (${slowest.ref})`,
    );
    if (process.argv.includes('--analyze')) printAnalysis(measured);
  } finally {
    if (process.argv.includes('--keep')) console.log(`\nbundles kept in ${outdir}`);
    else rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
