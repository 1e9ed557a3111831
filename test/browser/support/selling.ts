import { randomBytes, randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { api, settledOrder } from '../../support/api';
import type { DroppedFile } from './drop-files';
import type { Person } from './people';
import { pngImage } from './png';

/** A word no other product has: consonant-vowel pairs, which the search tokenizer keeps whole. */
export function sellerTestWord(): string {
  const consonants = 'bdfgklmnprtv';
  const vowels = 'aeiou';
  let word = 'w';
  for (const byte of randomBytes(5)) word += consonants[byte % 12]! + vowels[byte % 5]!;
  return word;
}

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

async function ok(call: Promise<{ status: number; text: string; body: any }>, what: string): Promise<any> {
  const response = await call;
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${response.text}`);
  return response.body;
}

/**
 * Checks out the buyer's cart through the API, as the checkout page would: an address, Visa,
 * one Idempotency-Key; resolves to the order's id once it is paid.
 */
export async function checkoutThroughApi(buyer: Person): Promise<string> {
  const token = buyer.token;
  const address = await ok(
    api('POST', '/api/v1/addresses', {
      token,
      body: {
        name: buyer.name,
        line1: '1 Main St',
        city: 'Springfield',
        postal_code: '62701',
        country: 'US',
      },
    }),
    'address',
  );
  const card = await ok(
    api('POST', '/api/v1/payment-methods', { token, body: { type: 'card', token: 'pm_card_visa' } }),
    'card',
  );
  const order = await ok(
    api('POST', '/api/v1/orders/checkout', {
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: { shipping_address_id: address.address_id, payment_method_id: card.payment_method_id },
    }),
    'checkout',
  );
  expect((await settledOrder(buyer, order.order_id)).status).toBe('paid');
  return order.order_id;
}
