import { expect, type Page } from '@playwright/test';

/**
 * Signs `person` in through the storefront's sign-in page, as they would, and waits until the
 * page has left it (the storefront sends the person on to `next`, or home).
 */
export async function signInThroughPage(
  page: Page,
  person: { email: string; password: string },
  next?: string,
): Promise<void> {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  await page.getByLabel(/e-?mail/i).fill(person.email);
  await page.getByLabel(/password/i).fill(person.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}
