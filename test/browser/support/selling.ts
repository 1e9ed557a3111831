import { expect, type Page } from '@playwright/test';
import { pngImage } from '../../support/png';
import type { DroppedFile } from './drop-files';

/** A small real PNG file, different for each seed. */
export const pngFile = (seed: number): DroppedFile => ({
  name: `photo-${seed}.png`,
  mimeType: 'image/png',
  buffer: pngImage(24, 24, seed),
});

/** Fills the new-product form as a person does and publishes it (or saves a draft); returns its id. */
export async function listProductThroughPage(
  page: Page,
  product: { title: string; price: string; stock: string; category: string },
  button: 'Publish' | 'Save as draft' = 'Publish',
): Promise<string> {
  await page.goto('/seller/products/new');
  await page.getByLabel('Title').fill(product.title);
  await page.getByLabel('Description').fill('Hand-made for the seller journey.');
  await page.getByLabel('Price (USD)', { exact: true }).fill(product.price);
  await page.getByLabel('Category').selectOption({ label: product.category });
  await page.getByLabel('Units in stock').fill(product.stock);
  await page.getByRole('button', { name: button }).click();
  await expect(page).toHaveURL(/\/seller\/products\/prod_[0-9A-Za-z]+\?created=/);
  return new URL(page.url()).pathname.split('/').pop()!;
}
