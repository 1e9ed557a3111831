import { InvalidOrderStateError } from '../../../functions/orders/errors';
import type { OrderStatus } from '../../../functions/orders/order';
import { isVerifiedPurchase, purchasedProducts } from '../../../functions/orders/purchases';
import { markFailed, markPaid, placeOrder } from '../../../functions/orders/service';
import { newId } from '../../../shared/ids';
import { ordersFixture } from './orders-fixture';

async function placedOrder(productId = newId('prod')) {
  const fixture = ordersFixture([{ productId, quantity: 1 }]);
  const placed = await placeOrder(fixture.userId, fixture.body, fixture.deps);
  return { ...fixture, productId, orderId: placed.order_id };
}

async function moveTo(fixture: Awaited<ReturnType<typeof placedOrder>>, status: OrderStatus) {
  const order = (await fixture.orders.get(fixture.orderId))!;
  await fixture.orders.saveTransition(order, { ...order, status, version: order.version + 1 });
}

describe('markPaid and markFailed', () => {
  it('marks a pending order paid once, writing OrderPaid once with the change, and keeps the cart claimed until the cart is cleaned up', async () => {
    const fixture = await placedOrder();

    const first = await markPaid(fixture.orderId, fixture.deps);
    const repeat = await markPaid(fixture.orderId, fixture.deps);

    expect([first.changed, repeat.changed]).toEqual([true, false]);
    expect(repeat.order).toMatchObject({ status: 'paid', version: 2 });
    expect(fixture.published.filter((event) => event.detailType === 'OrderPaid')).toHaveLength(1);
    expect(fixture.cart.claim?.orderId).toBe(fixture.orderId);
  });

  it('fails a pending order with its reason and releases its cart claim, also on a repeat', async () => {
    const fixture = await placedOrder();

    await markFailed(fixture.orderId, 'OUT_OF_STOCK', fixture.deps);
    fixture.cart.claim = { orderId: fixture.orderId, version: 1 };
    const repeat = await markFailed(fixture.orderId, 'OUT_OF_STOCK', fixture.deps);

    expect(repeat.order).toMatchObject({ status: 'failed', failureReason: 'OUT_OF_STOCK' });
    expect(fixture.cart.claim).toBeNull();
  });

  it('never fails a paid order, and leaves its claim', async () => {
    const fixture = await placedOrder();
    await markPaid(fixture.orderId, fixture.deps);

    await expect(markFailed(fixture.orderId, 'PAYMENT_NOT_COMPLETED', fixture.deps)).rejects.toBeInstanceOf(
      InvalidOrderStateError,
    );
    expect(fixture.cart.claim?.orderId).toBe(fixture.orderId);
  });
});

describe('verified purchase', () => {
  it.each<[OrderStatus, boolean]>([
    ['pending', false],
    ['paid', true],
    ['shipped', true],
    ['delivered', true],
    ['failed', false],
    ['cancelled', false],
    ['refunded', false],
  ])('an order that is %s makes it %s', async (status, verified) => {
    const fixture = await placedOrder();
    if (status !== 'pending') await moveTo(fixture, status);

    expect(await isVerifiedPurchase(fixture.userId, fixture.productId, fixture.deps)).toBe(verified);
    expect(await purchasedProducts(fixture.userId, fixture.deps)).toEqual(
      verified ? new Set([fixture.productId]) : new Set(),
    );
  });

  it('is not another user’s purchase', async () => {
    const fixture = await placedOrder();
    await moveTo(fixture, 'paid');
    expect(await isVerifiedPurchase(newId('usr'), fixture.productId, fixture.deps)).toBe(false);
  });
});
