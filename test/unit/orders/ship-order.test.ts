import { shipOrder } from '../../../functions/orders/fulfilment';
import { markPaid, placeOrder } from '../../../functions/orders/service';
import type { AuthUser } from '../../../shared/http/route';
import { newId } from '../../../shared/ids';
import { fulfilmentFixture, ordersFixture, sellerId } from './orders-fixture';

const seller = { userId: sellerId, roles: ['seller'] } as unknown as AuthUser;
const stranger = { userId: newId('usr'), roles: ['seller'] } as unknown as AuthUser;

async function paidOrder(quantity = 2) {
  const productId = newId('prod');
  const fixture = ordersFixture([{ productId, quantity }]);
  const placed = await placeOrder(fixture.userId, fixture.body, fixture.deps);
  await markPaid(placed.order_id, fixture.deps);
  return { ...fixture, productId, orderId: placed.order_id, fulfilment: fulfilmentFixture(fixture.deps) };
}

describe('shipOrder', () => {
  it('refuses a body that names a product twice (400 naming the field) and ships nothing', async () => {
    const { orderId, productId, orders, fulfilment } = await paidOrder(2);

    const refused = await shipOrder(
      seller,
      orderId,
      {
        carrier: 'UPS',
        tracking_number: 'TRACK-1',
        items: [
          { product_id: productId, quantity: 2 },
          { product_id: productId, quantity: 2 },
        ],
      },
      fulfilment,
    ).catch((e) => e);

    expect(refused).toMatchObject({ status: 400, details: { fields: [{ field: 'items.1.product_id' }] } });
    expect((await orders.get(orderId))?.shipments).toEqual([]);
  });

  it('never ships more units than were bought, over several shipments', async () => {
    const { orderId, productId, orders, fulfilment } = await paidOrder(3);
    await shipOrder(
      seller,
      orderId,
      { carrier: 'UPS', tracking_number: 'PART-1', items: [{ product_id: productId, quantity: 2 }] },
      fulfilment,
    );

    const over = await shipOrder(
      seller,
      orderId,
      { carrier: 'UPS', tracking_number: 'PART-2', items: [{ product_id: productId, quantity: 2 }] },
      fulfilment,
    ).catch((e) => e);
    const rest = await shipOrder(seller, orderId, { carrier: 'UPS', tracking_number: 'PART-3' }, fulfilment);

    expect(over).toMatchObject({ status: 400, details: { fields: [{ field: 'items.0.quantity' }] } });
    expect(rest.order.status).toBe('shipped');
    expect((await orders.get(orderId))!.shipments.flatMap((s) => s.items)).toEqual([
      { productId, quantity: 2 },
      { productId, quantity: 1 },
    ]);
  });

  it('answers 404 to a seller outside the order before looking at the tracking number', async () => {
    const first = await paidOrder(1);
    await shipOrder(seller, first.orderId, { carrier: 'UPS', tracking_number: 'USED-1' }, first.fulfilment);
    const lookups = jest.spyOn(first.orders, 'findByTracking');

    const refused = await shipOrder(
      stranger,
      first.orderId,
      { carrier: 'UPS', tracking_number: 'USED-1' },
      first.fulfilment,
    ).catch((e) => e);

    expect(refused).toMatchObject({ status: 404 });
    expect(lookups).not.toHaveBeenCalled();
  });

  it('answers 409 TRACKING_NUMBER_IN_USE to the order’s seller when another shipment has the number', async () => {
    const { orderId, orders, fulfilment } = await paidOrder(1);
    const order = (await orders.get(orderId))!;
    await orders.saveTransition(order, { ...order, version: order.version + 1 }, [
      orders.trackingItem('UPS', 'SHARED-1', newId('ord'), 'shp_other'),
    ]);

    const refused = await shipOrder(
      seller,
      orderId,
      { carrier: 'UPS', tracking_number: 'SHARED-1' },
      fulfilment,
    ).catch((e) => e);

    expect(refused).toMatchObject({ status: 409, code: 'TRACKING_NUMBER_IN_USE' });
  });

  it('answers 409 TRACKING_NUMBER_IN_USE, not a 500, when the number is taken between the check and the write', async () => {
    const { orderId, orders, fulfilment } = await paidOrder(1);
    const order = (await orders.get(orderId))!;
    await orders.saveTransition(order, { ...order, version: order.version + 1 }, [
      orders.trackingItem('UPS', 'RACED-1', newId('ord'), 'shp_other'),
    ]);
    jest.spyOn(orders, 'findByTracking').mockResolvedValue(undefined);

    const refused = await shipOrder(
      seller,
      orderId,
      { carrier: 'UPS', tracking_number: 'RACED-1' },
      fulfilment,
    ).catch((e) => e);

    expect(refused).toMatchObject({ status: 409, code: 'TRACKING_NUMBER_IN_USE' });
    expect((await orders.get(orderId))?.shipments).toEqual([]);
  });
});
