import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  AlsoWriteConflictError,
  CartClaimConflictError,
  OrderVersionConflictError,
} from '../../../functions/orders/errors';
import { OrderFailed, OrderPaid, OrderPlaced, orderEvent } from '../../../functions/orders/events';
import type { OrderStore } from '../../../functions/orders/store';
import type { DomainEvent } from '../../../shared/events';
import { newId } from '../../../shared/ids';
import { anOrder } from '../orders';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface OrderRepositoryUnderTest {
  orders: OrderStore;
  /** A write of another table that passes its condition, and one that fails it. */
  foreignItem(passes: boolean): TransactItem;
  /** The events written with an order's committed changes (its outbox), in order. */
  eventsOf(orderId: string): Promise<DomainEvent[]>;
}

/**
 * What the orders domain relies on from its repository. Runs against the in-memory fake (unit)
 * and the DynamoDB adapter (integration), so a fake that drifts from the adapter fails here.
 */
export function orderRepositoryContract(make: () => OrderRepositoryUnderTest): void {
  let subject: OrderRepositoryUnderTest;
  beforeEach(() => {
    subject = make();
  });

  it('records an order with the writes that ride with it, or nothing when one of them fails', async () => {
    const recorded = anOrder();
    const refused = anOrder({ userId: recorded.userId });

    await subject.orders.create(recorded, [subject.foreignItem(true)]);
    const failure = await subject.orders.create(refused, [subject.foreignItem(false)]).catch((e) => e);

    expect(failure).toBeInstanceOf(CartClaimConflictError);
    expect(await subject.orders.get(recorded.orderId)).toEqual(recorded);
    expect(await subject.orders.get(refused.orderId)).toBeUndefined();
    expect(await subject.orders.ordersWithProduct(refused.userId, refused.lines[0]!.productId)).toEqual([]);
  });

  it('indexes each ordered product under the user, newest order first', async () => {
    const userId = newId('usr');
    const first = anOrder({ userId });
    const productId = first.lines[0]!.productId;
    const second = anOrder({
      userId,
      lines: [{ ...first.lines[0]! }, { ...first.lines[0]!, productId: newId('prod') }],
    });
    await subject.orders.create(first);
    await subject.orders.create(second);

    expect(await subject.orders.ordersWithProduct(userId, productId)).toEqual([
      second.orderId,
      first.orderId,
    ]);
    expect(await subject.orders.ordersWithProduct(newId('usr'), productId)).toEqual([]);
    expect(await subject.orders.orderedProducts(userId)).toHaveLength(3);
  });

  it('writes a change only over the version that was read', async () => {
    const order = anOrder();
    await subject.orders.create(order);
    const paid = { ...order, status: 'paid' as const, version: 2 };
    await subject.orders.saveTransition(order, paid);

    const stale = await subject.orders
      .saveTransition(order, { ...order, status: 'failed', version: 2 })
      .catch((e) => e);

    expect(stale).toBeInstanceOf(OrderVersionConflictError);
    expect(await subject.orders.get(order.orderId)).toMatchObject({ status: 'paid', version: 2 });
  });

  it('writes a change’s events with it, and none for a change that lost its race or an order that was refused', async () => {
    const order = anOrder();
    await subject.orders.create(order, [], [orderEvent(OrderPlaced, order)]);
    const paid = { ...order, status: 'paid' as const, version: 2 };
    await subject.orders.saveTransition(order, paid, [], [orderEvent(OrderPaid, paid)]);
    const failed = { ...order, status: 'failed' as const, version: 2 };
    await subject.orders
      .saveTransition(order, failed, [], [orderEvent(OrderFailed, failed)])
      .catch(() => undefined);
    const refused = anOrder();
    await subject.orders
      .create(refused, [subject.foreignItem(false)], [orderEvent(OrderPlaced, refused)])
      .catch(() => undefined);

    const events = await subject.eventsOf(order.orderId);
    expect(events.map((event) => `${event.detailType} v${event.detail.version}`)).toEqual([
      'OrderPlaced v1',
      'OrderPaid v2',
    ]);
    expect(await subject.eventsOf(refused.orderId)).toEqual([]);
  });

  it('keeps a tracking number to one shipment, and writes no change when it is taken', async () => {
    const order = anOrder({ status: 'paid' });
    const other = anOrder({ status: 'paid' });
    await subject.orders.create(order);
    await subject.orders.create(other);
    const tracking = `T${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
    await subject.orders.saveTransition(order, { ...order, version: 2 }, [
      subject.orders.trackingItem('UPS', tracking, order.orderId, 'shp_1'),
    ]);

    const taken = await subject.orders
      .saveTransition(other, { ...other, version: 2 }, [
        subject.orders.trackingItem('ups', tracking, other.orderId, 'shp_2'),
      ])
      .catch((e) => e);

    expect(taken).toBeInstanceOf(AlsoWriteConflictError);
    expect(await subject.orders.findByTracking('UPS', tracking)).toEqual({
      orderId: order.orderId,
      shipmentId: 'shp_1',
    });
    expect((await subject.orders.get(other.orderId))?.version).toBe(1);
  });
}
