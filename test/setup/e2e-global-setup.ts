import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/** Settings that make the platform's timers and KDF fast enough for a test run. */
export const E2E_ENV: Record<string, string> = {
  PASSWORD_SCRYPT_N: '1024',
  ROLE_CACHE_SECONDS: '30',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  // Timers shortened so the saga's failure paths play out in seconds.
  RESERVATION_TTL_SECONDS: '10',
  RELEASE_EXPIRED_EVERY_SECONDS: '1',
  STRIPE_TEST_HANG_MS: '14000',
  STRIPE_TIMEOUT_MS: '30000',
  BAZAAR_SFN_WAIT_SCALE: '0.05',
  // Every test signs its users up from 127.0.0.1; the per-address sign-up limit would stop them.
  RATE_LIMIT_SIGNUP_PER_SECOND: '1000',
  RATE_LIMIT_SIGNUP_BURST: '10000',
  // Login waits shortened so the per-account backoff plays out in seconds.
  LOGIN_FREE_ATTEMPTS: '3',
  LOGIN_BACKOFF_BASE_SECONDS: '1',
  LOGIN_BACKOFF_MAX_SECONDS: '2',
};

/**
 * Starts the real local platform (`local/main.ts`, as `npm start` does) on a free port with
 * the small seed, and waits for its ready line. Tests then speak HTTP to it.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/main.ts', '--port', '0', '--seed', 'small'],
    { cwd: REPO_ROOT, env: { ...process.env, ...E2E_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  (globalThis as { __bazaarPlatform?: ChildProcess }).__bazaarPlatform = child;
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Platform not ready after 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Bazaar is ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Platform exited with ${code} before ready:\n${output}`));
    });
  });
  process.env.E2E_BASE_URL = url;
}
