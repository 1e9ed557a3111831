import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { api, eventually } from '../support/api';
import { orderIdFromUrl, saveTestCard, uniqueWord } from './support/buying';
import { ConsoleGuard } from './support/console-guard';
import { dropFiles } from './support/drop-files';
import { expect, expectNoHorizontalScroll, signInThroughPage, test } from './support/fixtures';
import type { Person } from './support/people';
import { servePictures } from './support/pictures';
import { listProductThroughPage, pngFile } from './support/selling';

/**
 * Journey 3 and the seller dashboard around it, every step in the storefront: a seller lists a
 * product with an uploaded image, search finds it within 5 s, a buyer (in a browser of their
 * own) buys it, the seller ships it, the buyer sees it shipped with its tracking number; then
 * it is delivered, returned, and the seller accepts the return.
 */

/** The buyer, in a browser of their own (their own session and storage), watched for errors too. */
async function buyerBrowser(browser: Browser, buyer: Person) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'en-US' });
  // The browse tests' products share this platform's search, so a search here may list them:
  // this browser answers their pictures' host as every test's browser does.
  await servePictures(context);
  const guard = new ConsoleGuard();
  guard.watch(context);
  const page = await context.newPage();
  await signInThroughPage(page, buyer, '/');
  return {
    page,
    async close() {
      await context.close();
      guard.assertNone();
    },
  };
}

/** The buyer searches for the word, opens the product (the seller's picture), and buys one with Visa. */
async function findAndBuy(page: Page, word: string, title: string, productId: string): Promise<string> {
  const searchBox = page.getByRole('search').getByLabel('Search products');
  await searchBox.fill(word);
  await searchBox.press('Enter');
  await page.getByRole('region', { name: 'Results' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  // The picture is the one the seller uploaded (stored under the product's key).
  await expect(page.getByRole('img', { name: title })).toHaveAttribute(
    'src',
    new RegExp(`/products/${productId}/img_`),
  );
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('link', { name: 'Cart, 1 item' }).click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByLabel('Full name').fill('Journey Buyer');
  await page.getByLabel('Address line 1').fill('1 Main St');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('62701');
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page.getByRole('radio', { name: /Journey Buyer/ })).toBeChecked();
  await saveTestCard(page, 'Visa (succeeds)');
  await page.getByRole('button', { name: 'Place order' }).click();
  const orderId = await orderIdFromUrl(page);
  await expect(page.getByRole('status').filter({ hasText: 'Status:' })).toContainText('Paid');
  return orderId;
}

/** The seller ships the order from the orders page; resolves to the tracking number. */
async function shipFromOrdersPage(page: Page, orderId: string, title: string): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Seller dashboard' })
    .getByRole('link', { name: 'Orders' })
    .click();
  const order = page.getByRole('listitem', { name: `Order ${orderId}` });
  await expect(order).toContainText(`1 × ${title}`);
  await expect(order).toContainText('Ship to Journey Buyer, 1 Main St');
  const tracking = `1Z${randomBytes(8).toString('hex').toUpperCase()}`;
  await order.getByLabel('Carrier').fill('UPS');
  await order.getByLabel('Tracking number').fill(tracking);
  await order.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(order.getByRole('status')).toHaveText('Shipped.');
  await expect(order).toContainText(`UPS ${tracking}`);
  return tracking;
}

/** The buyer, on the delivered order's page, sends the unit back; resolves to the return's id. */
async function returnFromOrderPage(page: Page, title: string): Promise<string> {
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Status:' })).toContainText('Delivered');
  await page.getByLabel(`${title}: units to return`).fill('1');
  await page.getByLabel('Why are you returning them?').fill('The shade arrived cracked');
  await page.getByRole('button', { name: 'Request the return' }).click();
  const requested = page.getByRole('status').filter({ hasText: 'Return requested' });
  return /ret_[0-9A-Za-z]+/.exec((await requested.textContent()) ?? '')?.[0] ?? '';
}

/** The seller finds the return from the dashboard's count and accepts it, the unit not resold. */
async function acceptReturnFromPage(page: Page, returnId: string, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Seller dashboard' })
    .getByRole('link', { name: 'Overview' })
    .click();
  await page.getByRole('link', { name: '1 return to review' }).click();
  const request = page.getByRole('listitem', { name: `Return ${returnId}` });
  await expect(request).toContainText(`1 × ${title}`);
  await expect(request).toContainText('The shade arrived cracked');
  // Cracked: refunded, not put back on sale.
  await request.getByLabel('Put the returned units back on sale').uncheck();
  await expect(request).toContainText('Items’ value: $34.50');
  await request.getByRole('button', { name: 'Accept the return' }).click();
  await expect(request.getByRole('status')).toHaveText('Accepted: the buyer is refunded.');
  await expect(request).toContainText('the units were not put back on sale');
}

test.describe('journey 3: selling', () => {
  test('a product listed with an uploaded image is found by search within 5 s, bought, shipped with a tracking number its buyer sees, delivered, returned and the return accepted', async ({
    page,
    browser,
    seller,
    shopper,
    axe,
  }) => {
    const word = uniqueWord();
    const title = `${word} reading lamp`;
    await signInThroughPage(page, seller, '/seller');
    await expect(page.getByRole('heading', { name: 'Seller dashboard', level: 1 })).toBeVisible();
    const productId = await listProductThroughPage(page, {
      title,
      price: '34.50',
      stock: '5',
      category: 'Decor',
    });
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    // The image is dropped onto the images area, as from the desktop.
    await dropFiles(page.getByLabel('Add images').locator('..'), [pngFile(1)]);
    await expect(page.getByRole('img', { name: `${title}, image 1 of 1` })).toBeVisible();
    const listedAt = Date.now();

    // Search finds it, with the uploaded image as its picture, within 5 s of listing. Asked of
    // the API's origin: the storefront's search goes through the CDN, which would keep an
    // early empty answer for minutes, so the buyer searches once, after.
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

    const buyer = await buyerBrowser(browser, shopper);
    const orderId = await findAndBuy(buyer.page, word, title, productId);
    const tracking = await shipFromOrdersPage(page, orderId, title);
    await axe.check();

    // The buyer's order page, opened again, shows the shipment and its tracking number.
    await buyer.page.reload();
    await expect(buyer.page.getByRole('status').filter({ hasText: 'Status:' })).toContainText('Shipped');
    await expect(buyer.page.getByRole('region', { name: 'Items and shipments' })).toContainText(
      `UPS, tracking number ${tracking}`,
    );

    await page
      .getByRole('listitem', { name: `Order ${orderId}` })
      .getByRole('button', { name: 'Mark delivered' })
      .click();
    await expect(page.getByRole('listitem', { name: `Order ${orderId}` }).getByRole('status')).toHaveText(
      'Marked delivered.',
    );
    const returnId = await returnFromOrderPage(buyer.page, title);
    await acceptReturnFromPage(page, returnId, title);
    await axe.check();
    // Everything came back: the item and the shipping are refunded.
    const refunded = await api('GET', `/api/v1/orders/${orderId}`, { token: shopper.token });
    expect(refunded.body).toMatchObject({ status: 'refunded', refunded_cents: refunded.body.total_cents });
    await buyer.close();
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
    await page.getByLabel('Add images').setInputFiles([pngFile(2), pngFile(3)]);
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
