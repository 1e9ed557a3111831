import type { ChildProcess } from 'node:child_process';

export default async function e2eGlobalTeardown(): Promise<void> {
  const child = (globalThis as { __bazaarPlatform?: ChildProcess }).__bazaarPlatform;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
