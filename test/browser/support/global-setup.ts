import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_ENV } from '../../setup/e2e-global-setup';
import { startPlatformProcess } from '../../support/platform-process';
import { assertChromiumInstalled } from './chromium';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Where the platform's output is kept after a run, beside the traces of failed tests. */
export const PLATFORM_LOG = join(REPO_ROOT, '.playwright', 'platform.log');

/**
 * Starts the real local platform for the browser tier, as the jest e2e tier does: a free port,
 * the small seed (200 products from the 5 demo sellers across the category tree, on sale and
 * reviewed ones among them: enough to search and browse, and ready in seconds where the demo
 * seed takes a minute), and the e2e tier's settings (fast password hashing, sign-ups from one
 * address unthrottled). Its URL reaches the tests through the environment, which the workers
 * inherit: `BAZAAR_BROWSER_BASE_URL` (the config's baseURL) and the e2e helpers' variables.
 * `BAZAAR_BROWSER_BASE_URL` set beforehand reuses a platform that is already running.
 * Returns the teardown, which stops the platform.
 */
export default async function browserGlobalSetup(): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const existing = process.env.BAZAAR_BROWSER_BASE_URL;
  if (existing) {
    process.env.E2E_BASE_URL ??= existing;
    return async () => {};
  }
  const started = Date.now();
  const platform = await startPlatformProcess({
    args: ['--seed', 'small'],
    // A person takes longer than an API test between adding to the cart and paying.
    env: { ...E2E_ENV, RESERVATION_TTL_SECONDS: '120' },
  });
  const stop = async () => {
    await platform.stop();
    mkdirSync(join(PLATFORM_LOG, '..'), { recursive: true });
    writeFileSync(PLATFORM_LOG, platform.output());
  };
  // The platform keeps serving the API when the storefront does not build: no page could load.
  if (platform.output().includes('The storefront did not build')) {
    await stop();
    throw new Error(
      `The storefront did not build (npm run build:web shows why); the platform's log: ${PLATFORM_LOG}`,
    );
  }
  process.env.BAZAAR_BROWSER_BASE_URL = platform.url;
  process.env.E2E_BASE_URL = platform.url;
  process.env.E2E_ORIGIN_URL = platform.originUrl;
  console.log(
    `[browser] platform ready at ${platform.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return stop;
}
