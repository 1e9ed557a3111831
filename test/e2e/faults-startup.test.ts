import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { E2E_ENV } from '../setup/e2e-global-setup';

const REPO_ROOT = join(__dirname, '..', '..');

/** `npm start` with these arguments and environment, on its own port, without a catalog. */
function startPlatform(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/main.ts', '--port', '0', '--seed', 'none', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...E2E_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

function readyUrl(platform: ReturnType<typeof startPlatform>): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${platform.output()}`)), 90_000);
    const check = () => {
      const match = /Bazaar is ready at (http:\/\/\S+)/.exec(platform.output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    platform.child.stdout?.on('data', check);
    platform.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${platform.output()}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('faults armed at start', () => {
  it('arms BAZAAR_FAULTS, and prints and uses the seed --fault-seed gives', async () => {
    const fault = { kind: 'stripe:api-error', target: { operation: 'refunds.create' }, probability: 0.5 };
    const platform = startPlatform(['--fault-seed', '4242'], { BAZAAR_FAULTS: JSON.stringify(fault) });
    try {
      const url = await readyUrl(platform);

      expect(platform.output()).toContain('Fault seed 4242 (replay with --fault-seed 4242)');
      const listed = await (await fetch(`${url}/_local/faults`)).json();
      expect(listed).toEqual({ seed: 4242, faults: [{ id: 'f1', injected: 0, ...fault }] });
    } finally {
      await stop(platform.child);
    }
  }, 120_000);

  it('refuses to start on a fault it cannot arm, naming the field', async () => {
    const platform = startPlatform([], { BAZAAR_FAULTS: '[{"kind":"lambda:invocation-error","count":0}]' });
    const code = await new Promise((resolve) => platform.child.once('exit', resolve));

    expect(code).toBe(1);
    expect(platform.output()).toMatch(/InvalidFaultError.*count must be a positive integer/s);
  }, 60_000);
});
