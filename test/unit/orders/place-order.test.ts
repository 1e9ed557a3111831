import { CheckoutInProgressError } from '../../../functions/orders/errors';
import { markFailed, placeOrder } from '../../../functions/orders/service';
import { newId } from '../../../shared/ids';
import { ordersFixture } from './orders-fixture';

describe('placeOrder', () => {
  it('turns three racing checkouts of one cart into one order, answered to all three', async () => {
    const { userId, deps, body, orders, cart, started } = ordersFixture([
      { productId: newId('prod'), quantity: 2 },
    ]);

    const results = await Promise.all([1, 2, 3].map(() => placeOrder(userId, body, deps)));

    expect(orders.all()).toHaveLength(1);
    const [order] = orders.all();
    expect(results.map((result) => result.order_id)).toEqual([
      order!.orderId,
      order!.orderId,
      order!.orderId,
    ]);
    expect(cart.claim).toEqual({ orderId: order!.orderId, version: 1 });
    expect(new Set(started)).toEqual(new Set([order!.orderId]));
  });

  it('answers the first order, as it is now, when the same checkout comes again later', async () => {
    const { userId, deps, body, orders } = ordersFixture([{ productId: newId('prod'), quantity: 1 }]);
    const first = await placeOrder(userId, body, deps);
    const stored = (await orders.get(first.order_id))!;
    await orders.saveTransition(stored, { ...stored, status: 'paid', version: 2 });

    const again = await placeOrder(userId, body, deps);

    expect(again).toMatchObject({ order_id: first.order_id, status: 'paid', total_cents: first.total_cents });
    expect(orders.all()).toHaveLength(1);
  });

  it('answers 409 CHECKOUT_IN_PROGRESS to a changed cart or another payment method while the first order is pending', async () => {
    const productId = newId('prod');
    const { userId, deps, body, orders, cart } = ordersFixture([{ productId, quantity: 1 }]);
    const first = await placeOrder(userId, body, deps);

    const otherCard = await placeOrder(userId, { ...body, payment_method_id: newId('pm') }, deps).catch(
      (e) => e,
    );
    cart.change([{ productId, quantity: 3 }]);
    const changedCart = await placeOrder(userId, body, deps).catch((e) => e);

    for (const refused of [otherCard, changedCart]) {
      expect(refused).toBeInstanceOf(CheckoutInProgressError);
      expect(refused).toMatchObject({
        status: 409,
        code: 'CHECKOUT_IN_PROGRESS',
        details: { order_id: first.order_id },
      });
    }
    expect(orders.all()).toHaveLength(1);
  });

  it('keeps the cart of a failed order: the retry with another card is a new order', async () => {
    const { userId, deps, body, orders, cart } = ordersFixture([{ productId: newId('prod'), quantity: 2 }]);
    const declined = await placeOrder(userId, body, deps);
    await markFailed(declined.order_id, 'PAYMENT_DECLINED', deps);
    expect(cart.claim).toBeNull();

    const retry = await placeOrder(userId, { ...body, payment_method_id: newId('pm') }, deps);

    expect(retry.order_id).not.toBe(declined.order_id);
    expect(
      orders
        .all()
        .map((order) => order.status)
        .sort(),
    ).toEqual(['failed', 'pending']);
    expect(cart.claim?.orderId).toBe(retry.order_id);
  });

  it('frees a cart whose claim was left by a cancelled order', async () => {
    const { userId, deps, body, orders, cart } = ordersFixture([{ productId: newId('prod'), quantity: 1 }]);
    const first = await placeOrder(userId, body, deps);
    const stored = (await orders.get(first.order_id))!;
    await orders.saveTransition(stored, { ...stored, status: 'cancelled', version: 2 });

    const next = await placeOrder(userId, body, deps);

    expect(next.order_id).not.toBe(first.order_id);
    expect(cart.claim?.orderId).toBe(next.order_id);
  });

  it('refuses an empty cart and writes nothing', async () => {
    const { userId, deps, body, orders } = ordersFixture([]);
    await expect(placeOrder(userId, body, deps)).rejects.toMatchObject({ status: 409, code: 'CART_EMPTY' });
    expect(orders.all()).toEqual([]);
  });
});
