import { test as base, expect } from '@playwright/test';
import { type AxeCheckOptions, expectNoSeriousA11yViolations } from './axe';
import { ConsoleGuard } from './console-guard';
import { localPlatform } from './local-platform';
import { newSeller, newShopper, type Person, type Seller } from './people';
import { servePictures } from './pictures';

export interface BrowserFixtures {
  /**
   * Fails the test when the browser logs an error or a page throws (automatic, every test);
   * `consoleErrors.allow(/status of 402/)` lets an expected one through.
   */
  consoleErrors: ConsoleGuard;
  /** A shopper signed up through the API just for this test (not signed in in the browser). */
  shopper: Person;
  /** A seller registered through the API just for this test (not signed in in the browser). */
  seller: Seller;
  /** The local platform's `/_local/*` endpoints and its Stripe server's ledger. */
  local: typeof localPlatform;
  /** `await axe.check()`: no serious or critical axe violation on the page as it is now. */
  axe: { check(options?: AxeCheckOptions): Promise<void> };
}

/** The browser tier's `test`: every journey imports it (and `expect`) from here. */
export const test = base.extend<BrowserFixtures>({
  context: async ({ context }, use) => {
    await servePictures(context);
    await use(context);
  },
  consoleErrors: [
    async ({ context }, use) => {
      const guard = new ConsoleGuard();
      guard.watch(context);
      await use(guard);
      guard.assertNone();
    },
    { auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  shopper: async ({}, use) => {
    await use(await newShopper());
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above
  seller: async ({}, use) => {
    await use(await newSeller());
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above
  local: async ({}, use) => {
    await use(localPlatform);
  },
  axe: async ({ page }, use, testInfo) => {
    await use({
      check: async (options) => {
        await expectNoSeriousA11yViolations(page, testInfo, options);
      },
    });
  },
});

export { expectNoHorizontalScroll } from './page-checks';
export { signInThroughPage } from './sign-in';
export { expect };
