import { accessSync, constants } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Debian's chromium: the browser tier drives it instead of a browser Playwright downloads. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_MISSING_MESSAGE = 'Chromium is missing: apt-get install -y chromium';

/** The message to fail with when `path` is not an executable file, else undefined. */
export function chromiumMissing(path = CHROMIUM_PATH): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return CHROMIUM_MISSING_MESSAGE;
  }
}

/** Throws at once, before a platform is started for nothing, when chromium is not installed. */
export function assertChromiumInstalled(path = CHROMIUM_PATH): void {
  const missing = chromiumMissing(path);
  if (missing) throw new Error(missing);
}

/**
 * How the tier launches chromium. Chromium's sandbox cannot start as root (CI containers);
 * the background services it calls home with are refused by a closed network and would print
 * errors, so they are off, as are QUIC and the GPU (none on a server).
 */
export function chromiumLaunchOptions(runningAsRoot = process.getuid?.() === 0): LaunchOptions {
  return {
    executablePath: CHROMIUM_PATH,
    args: [
      ...(runningAsRoot ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
