import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

export interface PlatformProcess {
  url: string;
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the local platform as `npm start` does, in its own process, so a benchmark's load
 * generator never shares an event loop with the server it measures.
 */
export async function startPlatformProcess(
  options: { seed?: 'demo' | 'small' | 'none'; env?: Record<string, string>; args?: string[] } = {},
): Promise<PlatformProcess> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // As `npm start` runs it (package.json): a larger young generation, fewer pauses under load.
      '--max-semi-space-size=64',
      '--import',
      'tsx',
      'local/main.ts',
      '--port',
      '0',
      '--seed',
      options.seed ?? 'demo',
      ...(options.args ?? []),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bazaar is ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}:\n${output}`)));
  });
  return {
    url,
    startupMs: Date.now() - startedAt,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
