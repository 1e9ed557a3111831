import { api } from '../support/api';
import { listedProduct, saveTestCard, shopperWithCart, uniqueWord } from './support/buying';
import { expect, signInThroughPage, test } from './support/fixtures';

test('a declined card says so plainly, charges nothing and keeps the cart', async ({
  page,
  shopper,
  seller,
  local,
  axe,
}) => {
  const title = `Declined ${uniqueWord()} lamp`;
  const productId = await listedProduct(seller, { title, price: 18, stock: 5 });
  await shopperWithCart(shopper, productId, 2);
  await signInThroughPage(page, shopper, '/checkout');

  await expect(page.getByRole('heading', { name: 'Checkout', level: 1 })).toBeVisible();
  await saveTestCard(page, 'Visa (declined)');
  await page.getByRole('button', { name: 'Place order' }).click();

  // Told where the person clicked, and beside the card that failed.
  const alert = page.getByRole('region', { name: 'Place your order' }).getByRole('alert');
  await expect(alert).toContainText('Your card was declined');
  await expect(alert).toContainText('Nothing was charged, and your cart is kept');
  const payWith = page.getByRole('group', { name: 'Pay with' });
  await expect(payWith).toHaveAttribute('aria-invalid', 'true');
  await expect(payWith).toHaveAccessibleDescription(/This card was declined/);
  await axe.check();

  const [order] = await local.ordersOf(shopper);
  expect(order).toMatchObject({ status: 'failed', failure_reason: 'PAYMENT_DECLINED' });
  // The card was really tried, and the provider declined it.
  expect(await local.charges({ orderId: order!.order_id as string })).toEqual([
    expect.objectContaining({ paid: false, failure_code: 'card_declined' }),
  ]);
  expect(await local.paidChargesOf(shopper)).toEqual([]);

  await page.getByRole('link', { name: 'Change the cart' }).click();
  await expect(page.getByRole('heading', { name: 'Your cart', level: 1 })).toBeVisible();
  const line = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
  await expect(line.getByRole('spinbutton', { name: 'Quantity' })).toHaveValue('2');
  const cart = await api('GET', '/api/v1/cart', { token: shopper.token });
  expect(cart.body.items).toEqual([expect.objectContaining({ product_id: productId, quantity: 2 })]);
});
