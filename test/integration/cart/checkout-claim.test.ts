import { checkoutClaimUpdate } from '../../../functions/cart/cart-items';
import { CartItemNotFoundError } from '../../../functions/cart/errors';
import { cartRepository } from '../../../functions/cart/repository';
import { itemIdOf } from '../../../functions/cart/store';
import { CartClaimConflictError } from '../../../functions/orders/errors';
import { orderRepository } from '../../../functions/orders/repository';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { anOrder } from '../../support/orders';

const cartsTable = tableName('CARTS_TABLE_NAME');
const carts = cartRepository(testDocumentClient(), cartsTable);
const orders = orderRepository(testDocumentClient(), tableName('ORDERS_TABLE_NAME'));
const now = () => new Date().toISOString();
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function cartWith(productId: string, quantity: number): Promise<string> {
  const cartId = newId('usr');
  const at = now();
  await carts.addLine(
    cartId,
    {
      itemId: itemIdOf(productId),
      productId,
      quantity,
      priceWhenAddedCents: 1000,
      addedAt: at,
      updatedAt: at,
    },
    50,
    at,
    undefined,
  );
  return cartId;
}

/** An order of the cart as read, written with cart's claim on that version, as checkout does. */
async function placeOrderOf(cartId: string) {
  const cart = await carts.get(cartId, nowSeconds());
  const order = anOrder({ userId: cartId });
  await orders.create(order, [
    checkoutClaimUpdate(cartsTable, { cartId, version: cart.version, orderId: order.orderId, at: now() }),
  ]);
  return order;
}

describe('checkout claim on the cart, against DynamoDB Local', () => {
  it('lets exactly one of five racing orders claim one cart version; the others write nothing', async () => {
    const cartId = await cartWith(newId('prod'), 2);

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => placeOrderOf(cartId)));

    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(placed).toHaveLength(1);
    expect(refused.every((r) => r.reason instanceof CartClaimConflictError)).toBe(true);
    const winner = (placed[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof placeOrderOf>>>).value;
    expect((await orders.listByUser(cartId, { limit: 10 })).items.map((o) => o.orderId)).toEqual([
      winner.orderId,
    ]);
    expect((await carts.get(cartId, nowSeconds())).checkoutClaim).toEqual({
      orderId: winner.orderId,
      version: 1,
    });
  });

  it('refuses a claim on a version the cart has moved past', async () => {
    const productId = newId('prod');
    const cartId = await cartWith(productId, 1);
    const read = await carts.get(cartId, nowSeconds());
    await carts.increment(cartId, productId, 1, 10, now(), undefined);

    const order = anOrder({ userId: cartId });
    const stale = await orders
      .create(order, [
        checkoutClaimUpdate(cartsTable, { cartId, version: read.version, orderId: order.orderId, at: now() }),
      ])
      .catch((e) => e);

    expect(stale).toBeInstanceOf(CartClaimConflictError);
    expect(await orders.get(order.orderId)).toBeUndefined();
  });

  it('raises the version with every change of a line, never with the claim', async () => {
    const productId = newId('prod');
    const cartId = await cartWith(productId, 1);
    const versions = [(await carts.get(cartId, nowSeconds())).version];
    await carts.increment(cartId, productId, 2, 10, now(), undefined);
    versions.push((await carts.get(cartId, nowSeconds())).version);
    await carts.setQuantity(cartId, productId, 5, now(), undefined);
    versions.push((await carts.get(cartId, nowSeconds())).version);
    await placeOrderOf(cartId);
    versions.push((await carts.get(cartId, nowSeconds())).version);
    await carts.removeLine(cartId, productId, now());
    versions.push((await carts.get(cartId, nowSeconds())).version);

    expect(versions).toEqual([1, 2, 3, 3, 4]);
    await expect(carts.setQuantity(cartId, productId, 1, now(), undefined)).rejects.toBeInstanceOf(
      CartItemNotFoundError,
    );
  });

  it('releases a claim only for the order it names, after which the cart can be claimed again', async () => {
    const cartId = await cartWith(newId('prod'), 1);
    const failed = await placeOrderOf(cartId);

    expect(await carts.releaseCheckoutClaim(cartId, newId('ord'))).toBe(false);
    expect((await carts.get(cartId, nowSeconds())).checkoutClaim?.orderId).toBe(failed.orderId);
    expect(await carts.releaseCheckoutClaim(cartId, failed.orderId)).toBe(true);
    expect(await carts.releaseCheckoutClaim(cartId, failed.orderId)).toBe(false);

    const retry = await placeOrderOf(cartId);
    expect((await carts.get(cartId, nowSeconds())).checkoutClaim?.orderId).toBe(retry.orderId);
  });

  it('takes a paid order’s lines out of the cart and its claim with them', async () => {
    const productId = newId('prod');
    const cartId = await cartWith(productId, 3);
    const order = await placeOrderOf(cartId);

    await carts.removeOrdered(cartId, order.orderId, [{ productId, quantity: 2 }], now());

    const cart = await carts.get(cartId, nowSeconds());
    expect(cart.checkoutClaim).toBeNull();
    expect(cart.lines).toEqual([expect.objectContaining({ productId, quantity: 1 })]);
    expect(cart.version).toBe(2);
  });
});
