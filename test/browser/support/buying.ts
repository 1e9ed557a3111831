import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { api, createProduct, eventually } from '../../support/api';

/** A word no other product has, so a search finds exactly this test's product. */
export function uniqueWord(): string {
  // Consonant-vowel pairs, as the browse journey makes its words: the tokenizer keeps them whole.
  const consonants = 'bdfgklmnprtv';
  const vowels = 'aeiou';
  const bytes = randomBytes(10);
  let word = 'q';
  for (let i = 0; i < bytes.length; i += 2) {
    word += consonants[bytes[i]! % consonants.length]! + vowels[bytes[i + 1]! % vowels.length]!;
  }
  return word;
}

/**
 * A product of `seller`'s, on sale with `stock` units, once search finds it (the index follows
 * the products stream a moment after the write).
 */
export async function listedProduct(
  seller: { token: string },
  options: { title: string; price: number; stock?: number },
): Promise<string> {
  const product = await createProduct(seller.token, { stock: 10, ...options });
  await eventually(async () => {
    const found = await api('GET', `/api/v1/search?q=${encodeURIComponent(options.title)}`);
    return found.body.results?.some(
      (result: { product_id: string }) => result.product_id === product.product_id,
    )
      ? true
      : undefined;
  }, 10_000);
  return product.product_id;
}

/** Arranges through the API a shopper with a saved address and `quantity` of a product in their cart. */
export async function shopperWithCart(
  shopper: { token: string },
  productId: string,
  quantity = 1,
): Promise<void> {
  const address = await api('POST', '/api/v1/addresses', {
    token: shopper.token,
    body: {
      name: 'Ada Shopper',
      line1: '1 Main St',
      city: 'Springfield',
      postal_code: '62701',
      country: 'US',
    },
  });
  if (address.status !== 201) throw new Error(`address: ${address.status} ${address.text}`);
  const line = await api('POST', '/api/v1/cart/items', {
    token: shopper.token,
    body: { product_id: productId, quantity },
  });
  if (line.status !== 201) throw new Error(`cart: ${line.status} ${line.text}`);
}

/** Saves a test card on the checkout page by its name, as a person does. */
export async function saveTestCard(page: Page, name: string): Promise<void> {
  await page.getByLabel('Test card').selectOption({ label: name });
  await page.getByRole('button', { name: 'Save card' }).click();
  // The saved card is chosen at once.
  await expect(page.getByRole('radio', { name: /•••• \d{4}/, checked: true })).toBeVisible();
}

/** The order id in the page's URL (`/orders/ord_…`), once the page is there. */
export async function orderIdFromUrl(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/orders\/ord_[0-9A-Za-z]+$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}
