import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { api, eventually, settledOrder } from '../support/api';
import { dropFiles } from './support/drop-files';
import { expect, expectNoHorizontalScroll, signInThroughPage, test } from './support/fixtures';
import type { Person } from './support/people';
import { pngImage } from './support/png';

/**
 * Journey 3 and the seller dashboard around it: a seller lists a product with an uploaded
 * image, shoppers find it by search within 5 s, a buyer buys it, the seller ships it, and the
 * buyer sees it shipped with its tracking number. The buyer's part goes through the API.
 */

/** A word no other product has: consonant-vowel pairs, which the search tokenizer keeps whole. */
function uniqueWord(): string {
  const consonants = 'bdfgklmnprtv';
  const vowels = 'aeiou';
  let word = 'w';
  for (const byte of randomBytes(5)) word += consonants[byte % 12]! + vowels[byte % 5]!;
  return word;
}

const png = (seed: number) => ({
  name: `photo-${seed}.png`,
  mimeType: 'image/png',
  buffer: pngImage(24, 24, seed),
});

/** Fills the new-product form as a person does and publishes it (or saves a draft); returns its id. */
async function listProduct(
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

/** The buyer's part, through the API: an address, Visa, the product in the cart, a paid order. */
async function buyThroughApi(buyer: Person, productId: string): Promise<string> {
  const ok = async (call: Promise<{ status: number; text: string; body: any }>, what: string) => {
    const response = await call;
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${response.text}`);
    return response.body;
  };
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
  await ok(
    api('POST', '/api/v1/cart/items', { token, body: { product_id: productId, quantity: 1 } }),
    'cart',
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

test.describe('journey 3: selling', () => {
  test('a product listed with an uploaded image is found by search within 5 s, bought, shipped with a tracking number its buyer sees, delivered, returned and the return accepted', async ({
    page,
    seller,
    shopper,
    axe,
  }) => {
    const word = uniqueWord();
    const title = `${word} reading lamp`;
    await signInThroughPage(page, seller, '/seller');
    await expect(page.getByRole('heading', { name: 'Seller dashboard', level: 1 })).toBeVisible();
    const productId = await listProduct(page, { title, price: '34.50', stock: '5', category: 'Decor' });
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();

    // The image is dropped onto the images area, as from the desktop.
    await dropFiles(page.getByLabel('Add images').locator('..'), [png(1)]);
    await expect(page.getByRole('img', { name: `${title}, image 1 of 1` })).toBeVisible();
    const listedAt = Date.now();

    // Shoppers' search finds it, with the uploaded image as its picture, within 5 s of listing.
    const found = await eventually(async () => {
      const search = await api('GET', `/api/v1/search?q=${word}`);
      return search.body.results?.find(
        (result: { product_id: string; image: string | null }) =>
          result.product_id === productId && result.image?.includes(productId),
      );
    }, 5_000);
    expect(Date.now() - listedAt).toBeLessThanOrEqual(5_000);
    expect(found).toMatchObject({ title, price_cents: 3450 });
    await axe.check();

    const orderId = await buyThroughApi(shopper, productId);

    await page
      .getByRole('navigation', { name: 'Seller dashboard' })
      .getByRole('link', { name: 'Orders' })
      .click();
    const order = page.getByRole('listitem', { name: `Order ${orderId}` });
    await expect(order).toContainText(`1 × ${title}`);
    await expect(order).toContainText(`Ship to ${shopper.name}, 1 Main St`);
    await axe.check();
    const tracking = `1Z${randomBytes(8).toString('hex').toUpperCase()}`;
    await order.getByLabel('Carrier').fill('UPS');
    await order.getByLabel('Tracking number').fill(tracking);
    await order.getByRole('button', { name: 'Mark shipped' }).click();
    await expect(order.getByRole('status')).toHaveText('Shipped.');
    await expect(order).toContainText(`UPS ${tracking}`);

    const seen = await api('GET', `/api/v1/orders/${orderId}`, { token: shopper.token });
    expect(seen.body).toMatchObject({
      status: 'shipped',
      shipments: [expect.objectContaining({ carrier: 'UPS', tracking_number: tracking, delivered_at: null })],
    });

    await order.getByRole('button', { name: 'Mark delivered' }).click();
    await expect(order.getByRole('status')).toHaveText('Marked delivered.');
    await expect(order.getByRole('button', { name: 'Mark delivered' })).toHaveCount(0);

    // The buyer sends it back (through the API); the dashboard counts the return, the seller accepts it.
    const returned = await api('POST', `/api/v1/orders/${orderId}/returns`, {
      token: shopper.token,
      body: { items: [{ product_id: productId, quantity: 1 }], reason: 'The shade arrived cracked' },
    });
    expect(returned.status).toBe(201);
    const returnId: string = returned.body.returns[0].return_id;
    await page
      .getByRole('navigation', { name: 'Seller dashboard' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await page.getByRole('link', { name: '1 return to review' }).click();
    const request = page.getByRole('listitem', { name: `Return ${returnId}` });
    await expect(request).toContainText(`1 × ${title}`);
    await expect(request).toContainText('The shade arrived cracked');
    await axe.check();
    // Cracked: refunded, not put back on sale.
    await request.getByLabel('Put the returned units back on sale').uncheck();
    await request.getByRole('button', { name: 'Accept return and refund $34.50' }).click();
    await expect(request.getByRole('status')).toHaveText('Accepted: $34.50 refunded.');
    await expect(request).toContainText('the units were not put back on sale');
  });
});

test.describe('the seller dashboard', { tag: '@phone' }, () => {
  test('a shopper opens a store without signing in again, lists a draft with the API’s errors by its fields, manages its images and stock, and publishes it', async ({
    page,
    shopper,
    axe,
    consoleErrors,
  }) => {
    // The form's refusals (a compare-at price under the price, a GIF) are 400s the page shows.
    consoleErrors.allow(/status of 400/);
    const checkPage = async () => {
      await expectNoHorizontalScroll(page);
      await axe.check();
    };

    await signInThroughPage(page, shopper, '/seller');
    await expect(page.getByText('This account has no store yet.')).toBeVisible();
    await page.getByRole('link', { name: 'Become a seller' }).first().click();
    await page.getByRole('button', { name: 'Open my store' }).click();
    await expect(page.getByLabel('Store name')).toHaveAccessibleDescription(/must be at least 2 characters/);
    await expect(page.getByLabel('Store name')).toBeFocused();
    await checkPage();
    await page.getByLabel('Store name').fill(`Store ${uniqueWord()}`);
    await page.getByRole('button', { name: 'Open my store' }).click();

    // Still signed in with the same token: the dashboard's seller calls answer at once.
    await expect(page).toHaveURL(/\/seller$/);
    await expect(page.getByRole('heading', { name: 'Seller dashboard', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: '0 products' })).toBeVisible();
    await expect(page.getByRole('link', { name: '0 orders to ship' })).toBeVisible();
    await checkPage();
    await page.getByRole('button', { name: 'Account' }).click();
    await expect(page.getByRole('link', { name: 'Seller dashboard' })).toBeVisible();
    await page.getByRole('button', { name: 'Account' }).click();

    await page
      .getByRole('navigation', { name: 'Seller dashboard' })
      .getByRole('link', { name: 'Products' })
      .click();
    await expect(page.getByText('No products yet.')).toBeVisible();
    await page.getByRole('link', { name: 'Add a product' }).click();
    const title = `${uniqueWord()} tea towel`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Price (USD)', { exact: true }).fill('12');
    await page.getByLabel('Compare-at price (USD)').fill('10');
    await page.getByLabel('Category').selectOption({ label: 'Kitchen' });
    await page.getByLabel('Units in stock').fill('3');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    const compareAt = page.getByLabel('Compare-at price (USD)');
    await expect(compareAt).toHaveAccessibleDescription(/must be greater than price/);
    await expect(compareAt).toBeFocused();
    await checkPage();
    await compareAt.fill('15');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.getByText('Your draft is saved.')).toBeVisible();
    await expect(page.getByText('Draft: only you can see it.')).toBeVisible();

    // Images by the file input (the keyboard's way): two, the second moved first, then one deleted.
    const images = page.getByRole('list').filter({ has: page.getByRole('img') });
    await page.getByLabel('Add images').setInputFiles([png(2), png(3)]);
    await expect(page.getByRole('img', { name: `${title}, image 2 of 2` })).toBeVisible();
    const [first, second] = await images
      .getByRole('img')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('src')));
    await page.getByRole('button', { name: 'Move image 2 of 2 earlier' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Image moved to position 1.' })).toBeAttached();
    await expect(images.getByRole('img').first()).toHaveAttribute('src', second!);
    await page.getByRole('button', { name: 'Delete image 2 of 2' }).click();
    await expect(images.getByRole('img')).toHaveCount(1);
    await expect(images.getByRole('img')).toHaveAttribute('src', second!);
    expect(first).not.toBe(second);
    await page
      .getByLabel('Add images')
      .setInputFiles({ name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await expect(page.getByLabel('Add images')).toHaveAccessibleDescription(
      /anim\.gif: its type must be one of/,
    );
    await checkPage();

    // Stock: 3 units plus 7, and a threshold of 20 under which it shows as low.
    const stock = page.getByRole('region', { name: 'Stock' });
    await stock.getByLabel('Units to add').fill('7');
    await stock.getByLabel('Low-stock threshold').fill('20');
    await stock.getByRole('button', { name: 'Update stock' }).click();
    await expect(stock.getByRole('status')).toHaveText('Stock updated: 10 available.');
    await expect(stock.getByText('Only a few left', { exact: true })).toBeVisible();

    await page.getByRole('region', { name: 'Listing' }).getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Published: shoppers can find and buy it.')).toBeVisible();
    await page.getByRole('link', { name: '← All products' }).click();
    await page
      .getByRole('navigation', { name: 'Filter products by status' })
      .getByRole('link', { name: 'Drafts' })
      .click();
    await expect(page.getByText('No draft products.')).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Filter products by status' })
      .getByRole('link', { name: 'Published' })
      .click();
    await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
    await checkPage();
  });
});
