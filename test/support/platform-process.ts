import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

export interface PlatformProcess {
  url: string;
  /** The API without the local CDN in front (the platform prints it before its ready line). */
  originUrl: string;
  child: ChildProcess;
  /** Everything it has printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL, as a crash: nothing is flushed or stopped; resolves once every process it started is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, the ordinary stop (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * Starts the real local platform (`local/main.ts`, as `npm start` does) in its own process on a
 * free port (unless `args` name a `--port`), and resolves at its ready line. `args` are
 * main.ts's (`--port`, `--data-dir`, `--seed`). A restart that must accept the tokens issued
 * before it keeps the port: the token issuer is the platform's URL.
 */
/** Every platform this process started and that has not exited yet, ready or still starting. */
const running = new Set<ChildProcess>();

/**
 * Stops every platform this test process started, including one still starting: a test that
 * timed out in the middle of a restart holds no handle on the new platform, which would
 * otherwise keep running and keep jest from exiting.
 */
export async function stopEveryStartedPlatform(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export async function startPlatformProcess(options: {
  args: string[];
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<PlatformProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local/main.ts',
      ...(options.args.includes('--port') ? [] : ['--port', '0']),
      ...options.args,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const timeoutMs = options.readyTimeoutMs ?? 120_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Nobody gets a handle on a platform that never became ready: stop it here, Java with it.
      child.off('exit', onExit);
      child.kill('SIGTERM');
      reject(new Error(`Platform not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bazaar is ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout?.off('data', onData);
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`Platform exited with ${code} before ready:\n${output}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
    });
    child.once('exit', onExit);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const origin = /The API without the CDN \(the origin\) is at (http:\/\/\S+)\/api\/v1/.exec(output);
  return {
    url,
    originUrl: origin?.[1] ?? url,
    child,
    output: () => output,
    kill9: async () => {
      // DynamoDB Local's watchdog (a child shell) stops Java once it sees its parent gone; the
      // data dir is free for a restart only when both have exited.
      const descendants = descendantsOf(child.pid!);
      child.kill('SIGKILL');
      await exited;
      const deadline = Date.now() + 15_000;
      while (descendants.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((child) => child > 0);
  } catch {
    // no children
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
