import type { ChildProcess } from 'node:child_process';
import { startPlatformProcess } from '../support/platform-process';

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
 * For the `e2e-remote` project: the deployed API named by BAZAAR_E2E_BASE_URL, which must
 * answer before any journey starts. Tokens come from the API itself (sign-up and login).
 */
async function remoteBaseUrl(): Promise<string> {
  const url = process.env.BAZAAR_E2E_BASE_URL!.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url))
    throw new Error(`BAZAAR_E2E_BASE_URL must be an http(s) URL, not ${url}`);
  const response = await fetch(`${url}/api/v1/categories`).catch((error: Error) => {
    throw new Error(`BAZAAR_E2E_BASE_URL ${url} does not answer: ${error.message}`);
  });
  if (!response.ok)
    throw new Error(`BAZAAR_E2E_BASE_URL ${url}/api/v1/categories answered ${response.status}`);
  return url;
}

/**
 * The `e2e-remote` project runs against BAZAAR_E2E_BASE_URL; every other run starts the real
 * local platform (`local/main.ts`, as `npm start` does) on a free port with the small seed, and
 * waits for its ready line. Tests then speak HTTP to it.
 */
export default async function e2eGlobalSetup(
  _globalConfig: unknown,
  projectConfig?: { displayName?: string | { name: string } },
): Promise<void> {
  const project = projectConfig?.displayName;
  if ((typeof project === 'string' ? project : project?.name) === 'e2e-remote') {
    process.env.E2E_BASE_URL = await remoteBaseUrl();
    return;
  }
  const platform = await startPlatformProcess({ args: ['--seed', 'small'], env: E2E_ENV });
  (globalThis as { __bazaarPlatform?: ChildProcess }).__bazaarPlatform = platform.child;
  process.env.E2E_BASE_URL = platform.url;
  process.env.E2E_ORIGIN_URL = platform.originUrl;
}
