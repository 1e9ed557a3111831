import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/browser/support/chromium';

/**
 * The browser tier: Debian's chromium against the real local platform, which the global setup
 * starts on a free port (and stops). `npx playwright test test/browser/<file>.spec.ts` runs one file.
 */
export default defineConfig({
  testDir: 'test/browser',
  globalSetup: './test/browser/support/global-setup.ts',
  // Traces and screenshots of failed tests; the platform's log beside them (git-ignored).
  outputDir: '.playwright/results',
  // Two cores shared with the platform, DynamoDB Local and Java: a third browser only queues.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  // A retry would hide the flaky journey it should expose.
  retries: 0,
  // A journey waits on a saga (reserve, charge, confirm) on a busy machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    baseURL: process.env.BAZAAR_BROWSER_BASE_URL,
    launchOptions: chromiumLaunchOptions(),
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  projects: [
    { name: 'desktop', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
    {
      // Journeys tagged @phone also run at a phone's width (390×844), the others at desktop only.
      name: 'phone',
      grep: /@phone/,
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
});
