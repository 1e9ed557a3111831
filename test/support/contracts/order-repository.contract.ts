import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  AlsoWriteConflictError,
  CartClaimConflictError,
  OrderVersionConflictError,
} from '../../../functions/orders/errors';
import { OrderFailed, OrderPaid, OrderPlaced, orderEvent } from '../../../functions/orders/events';
import type { OrderRecord, ReturnSummary } from '../../../functions/orders/order';
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

  describe('returns', () => {
    /** A return of the order's first line to `sellerId`, made at `minute` past a fixed hour. */
    const aReturn = (sellerId: string, minute: number): ReturnSummary => ({
      returnId: newId('ret'),
      sellerId,
      items: [{ productId: newId('prod'), quantity: 1 }],
      reason: 'Too small',
      status: 'requested',
      amountCents: 1500,
      resellable: null,
      createdAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
      acceptedAt: null,
    });
    /** A delivered order of one seller's lines, and a change of it that adds these returns. */
    async function returned(sellerId: string, requests: ReturnSummary[]): Promise<OrderRecord> {
      const placed = anOrder();
      const order = {
        ...placed,
        status: 'delivered' as const,
        lines: placed.lines.map((line) => ({ ...line, sellerId })),
      };
      await subject.orders.create(order);
      const next = { ...order, version: 2, returns: requests };
      await subject.orders.saveTransition(order, next);
      return next;
    }
    const listed = async (sellerId: string, options: { status?: 'requested' | 'accepted' } = {}) =>
      (await subject.orders.listReturnsForSeller(sellerId, { limit: 50, ...options })).items.map(
        (entry) => entry.request.returnId,
      );

    it('lists a seller’s returns newest first with their order, and none of another seller’s', async () => {
      const [seller, other] = [newId('usr'), newId('usr')];
      const [oldest, middle, newest] = [aReturn(seller, 1), aReturn(seller, 2), aReturn(seller, 3)];
      const first = await returned(seller, [oldest, newest]);
      await returned(seller, [middle]);
      await returned(other, [aReturn(other, 4)]);

      expect(await listed(seller)).toEqual([newest.returnId, middle.returnId, oldest.returnId]);
      const page = await subject.orders.listReturnsForSeller(seller, { limit: 50 });
      expect(page.items[0]).toEqual({ orderId: first.orderId, request: newest });
      expect(await subject.orders.findReturn(newest.returnId)).toEqual({
        orderId: first.orderId,
        sellerId: seller,
      });
      expect(await listed(newId('usr'))).toEqual([]);
    });

    it('pages through them with the cursor it hands back, and filters by status', async () => {
      const seller = newId('usr');
      const requests = [1, 2, 3, 4, 5].map((minute) => aReturn(seller, minute));
      const order = await returned(seller, requests);
      const accepted = { ...requests[1]!, status: 'accepted' as const, resellable: true, acceptedAt: 'now' };
      await subject.orders.saveTransition(order, {
        ...order,
        version: 3,
        returns: order.returns.map((request) =>
          request.returnId === accepted.returnId ? accepted : request,
        ),
      });

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await subject.orders.listReturnsForSeller(seller, { limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((entry) => entry.request.returnId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);

      expect(seen).toEqual([...requests].reverse().map((request) => request.returnId));
      expect(await listed(seller, { status: 'accepted' })).toEqual([accepted.returnId]);
      expect(await listed(seller, { status: 'requested' })).toHaveLength(4);
      const [listedAccepted] = (
        await subject.orders.listReturnsForSeller(seller, { limit: 1, status: 'accepted' })
      ).items;
      expect(listedAccepted!.request).toEqual(accepted);
    });

    it('writes no return of a change that lost its race', async () => {
      const seller = newId('usr');
      const order = anOrder({ status: 'delivered' });
      await subject.orders.create(order);
      await subject.orders.saveTransition(order, { ...order, version: 2 });

      const stale = await subject.orders
        .saveTransition(order, { ...order, version: 2, returns: [aReturn(seller, 9)] })
        .catch((e) => e);

      expect(stale).toBeInstanceOf(OrderVersionConflictError);
      expect(await listed(seller)).toEqual([]);
    });
  });
}
