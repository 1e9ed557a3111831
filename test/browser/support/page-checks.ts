import { expect, type Page } from '@playwright/test';

/** Fails unless the page fits its viewport's width: nothing to scroll sideways (phones). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // A string runs in the page: the root tsconfig has no DOM types (only web/ has).
  const widths = await page.evaluate<{ content: number; viewport: number }>(
    '({ content: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })',
  );
  expect(
    widths.content,
    `the page is ${widths.content}px wide in a ${widths.viewport}px viewport`,
  ).toBeLessThanOrEqual(widths.viewport);
}
