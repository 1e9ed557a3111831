import { listedProduct, orderIdFromUrl, saveTestCard, shopperWithCart, uniqueWord } from './support/buying';
import { expect, signInThroughPage, test } from './support/fixtures';

const CHECKOUT = '/api/v1/orders/checkout';

test('a double click on "Place order" places one order and charges once', async ({
  page,
  shopper,
  seller,
  local,
}) => {
  const productId = await listedProduct(seller, { title: `Double ${uniqueWord()} drill`, price: 40 });
  await shopperWithCart(shopper, productId);
  await signInThroughPage(page, shopper, '/checkout');
  await saveTestCard(page, 'Visa (succeeds)');
  const keys: Array<string | undefined> = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === CHECKOUT) {
      keys.push(request.headers()['idempotency-key']);
    }
  });

  await page.getByRole('button', { name: 'Place order' }).dblclick();

  const orderId = await orderIdFromUrl(page);
  await expect(page.getByRole('status')).toContainText('Paid');
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^checkout-/);
  const orders = await local.ordersOf(shopper);
  expect(orders.map((order) => order.order_id)).toEqual([orderId]);
  expect(await local.charges({ orderId, paid: true })).toHaveLength(1);
  expect(await local.paidChargesOf(shopper)).toHaveLength(1);
});

test('a retry after a lost answer sends the same Idempotency-Key and still places one order', async ({
  page,
  shopper,
  seller,
  local,
  consoleErrors,
}) => {
  // The first answer is dropped on its way back, as a flaky network would: the browser logs it.
  consoleErrors.allow(/ERR_FAILED|Failed to load resource/);
  const productId = await listedProduct(seller, { title: `Retry ${uniqueWord()} kettle`, price: 30 });
  await shopperWithCart(shopper, productId);
  await signInThroughPage(page, shopper, '/checkout');
  await saveTestCard(page, 'Visa (succeeds)');
  const keys: string[] = [];
  await page.route(`**${CHECKOUT}`, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length > 1) return route.continue();
    // The order is placed (the server answers), but the answer never reaches the page.
    await route.fetch();
    return route.abort('failed');
  });

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot be reached');
  await page.getByRole('button', { name: 'Place order' }).click();

  const orderId = await orderIdFromUrl(page);
  await expect(page.getByRole('status')).toContainText('Paid');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect((await local.ordersOf(shopper)).map((order) => order.order_id)).toEqual([orderId]);
  expect(await local.charges({ orderId, paid: true })).toHaveLength(1);
});
