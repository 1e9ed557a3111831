import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  AlsoWriteConflictError,
  CartClaimConflictError,
  OrderVersionConflictError,
} from '../../../functions/orders/errors';
import type { OrderRecord, ReturnSummary } from '../../../functions/orders/order';
import type { SellerReturn } from '../../../functions/orders/seller-items';
import type { OrderStore } from '../../../functions/orders/store';
import type { DomainEvent } from '../../../shared/events';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Another service's table that rides in the orders' transactions (cart's claim): checked first, applied only if all pass. */
export interface ForeignTable {
  check(item: TransactItem): boolean;
  apply(item: TransactItem): void;
}

const FAKE_TABLE = 'fake-orders';
const copy = <T>(value: T): T => structuredClone(value);

/**
 * The orders repository in memory, for unit tests of the orders domain. The contract suite
 * (test/support/contracts/order-repository.contract.ts) runs against it and against the real
 * adapter on DynamoDB Local, so the two cannot drift apart unnoticed.
 */
export function fakeOrderRepository(
  foreign?: ForeignTable,
): OrderStore & { all(): OrderRecord[]; outbox: DomainEvent[] } {
  /** The events written with committed changes (the outbox), in order: what the relay would send. */
  const outbox: DomainEvent[] = [];
  const orders = new Map<string, OrderRecord>();
  const tracking = new Map<string, { orderId: string; shipmentId: string }>();
  const returns = new Map<string, SellerReturn>();
  const purchases: Array<{ userId: string; productId: string; orderId: string }> = [];

  const own = (item: TransactItem) => item.Put?.TableName === FAKE_TABLE;
  const trackingKey = (carrier: string, number: string) => `${carrier.toLowerCase()}#${number}`;
  const ownItemFits = (item: TransactItem) => {
    const value = item.Put!.Item!;
    return !tracking.has(trackingKey(value.carrier as string, value.trackingNumber as string));
  };
  const applyOwn = (item: TransactItem) => {
    const value = item.Put!.Item!;
    tracking.set(trackingKey(value.carrier as string, value.trackingNumber as string), {
      orderId: value.orderId as string,
      shipmentId: value.shipmentId as string,
    });
  };
  /** The returns a change makes or changes, as the adapter's return items: a new one's id must be free. */
  const returnsFit = (read: OrderRecord, next: OrderRecord) =>
    next.returns.every(
      (request) =>
        read.returns.some((was) => was.returnId === request.returnId) || !returns.has(request.returnId),
    );
  const keepReturns = (next: OrderRecord) => {
    for (const request of next.returns)
      returns.set(request.returnId, { orderId: next.orderId, request: copy(request) });
  };
  const fits = (item: TransactItem) => (own(item) ? ownItemFits(item) : (foreign?.check(item) ?? true));
  const apply = (item: TransactItem) => (own(item) ? applyOwn(item) : foreign?.apply(item));

  const repository = {
    all: () => [...orders.values()].map(copy),
    outbox,

    async create(
      order: OrderRecord,
      alsoWrite: TransactItem[] = [],
      events: DomainEvent[] = [],
    ): Promise<void> {
      if (orders.has(order.orderId))
        throw Object.assign(new Error('exists'), { name: 'TransactionCanceledException' });
      if (!alsoWrite.every(fits)) throw new CartClaimConflictError();
      alsoWrite.forEach(apply);
      orders.set(order.orderId, copy(order));
      outbox.push(...copy(events));
      for (const productId of new Set(order.lines.map((line) => line.productId)))
        purchases.push({ userId: order.userId, productId, orderId: order.orderId });
    },

    async get(orderId: string) {
      const order = orders.get(orderId);
      return order ? copy(order) : undefined;
    },

    async saveTransition(
      read: OrderRecord,
      next: OrderRecord,
      alsoWrite: TransactItem[] = [],
      events: DomainEvent[] = [],
    ) {
      const stored = orders.get(read.orderId);
      if (!stored || stored.version !== read.version || stored.status !== read.status)
        throw new OrderVersionConflictError();
      if (!returnsFit(read, next))
        throw Object.assign(new Error('return id taken'), { name: 'TransactionCanceledException' });
      if (!alsoWrite.every(fits)) throw new AlsoWriteConflictError();
      alsoWrite.forEach(apply);
      keepReturns(next);
      orders.set(next.orderId, copy(next));
      outbox.push(...copy(events));
    },

    trackingItem(carrier: string, trackingNumber: string, orderId: string, shipmentId: string): TransactItem {
      return {
        Put: {
          TableName: FAKE_TABLE,
          Item: { kind: 'tracking', carrier, trackingNumber, orderId, shipmentId },
        },
      };
    },

    async findByTracking(carrier: string, trackingNumber: string) {
      return tracking.get(trackingKey(carrier, trackingNumber));
    },

    async findReturn(returnId: string) {
      const found = returns.get(returnId);
      return found && { orderId: found.orderId, sellerId: found.request.sellerId };
    },

    /** Newest first; the cursor is the position to continue from (the adapter's is opaque too). */
    async listReturnsForSeller(
      sellerId: string,
      options: { limit: number; cursor?: string; status?: ReturnSummary['status'] },
    ) {
      const newestFirst = (a: SellerReturn, b: SellerReturn) =>
        `${b.request.createdAt}#${b.request.returnId}`.localeCompare(
          `${a.request.createdAt}#${a.request.returnId}`,
        );
      const listed = [...returns.values()]
        .filter(({ request }) => request.sellerId === sellerId)
        .filter(({ request }) => !options.status || request.status === options.status)
        .sort(newestFirst);
      const from = options.cursor ? Number(options.cursor) : 0;
      const items = listed.slice(from, from + options.limit).map(copy);
      return {
        items,
        nextCursor: from + options.limit < listed.length ? String(from + options.limit) : null,
      };
    },

    async ordersWithProduct(userId: string, productId: string, limit = 20) {
      return purchases
        .filter((entry) => entry.userId === userId && entry.productId === productId)
        .map((entry) => entry.orderId)
        .sort()
        .reverse()
        .slice(0, limit);
    },

    async orderedProducts(userId: string, limit = 2000) {
      return purchases
        .filter((entry) => entry.userId === userId)
        .map(({ productId, orderId }) => ({ productId, orderId }))
        .slice(0, limit);
    },

    async listByUser(userId: string, options: { limit: number }) {
      const items = [...orders.values()]
        .filter((order) => order.userId === userId)
        .sort((a, b) => b.orderedAt.localeCompare(a.orderedAt))
        .slice(0, options.limit)
        .map(copy);
      return { items, nextCursor: null };
    },

    async listPendingBefore(before: string, limit: number, startKey?: Record<string, unknown>) {
      const pending = [...orders.values()]
        .filter((order) => order.status === 'pending' && order.orderedAt < before)
        .sort((a, b) => a.orderedAt.localeCompare(b.orderedAt));
      const from = (startKey?.offset as number | undefined) ?? 0;
      const next = from + limit < pending.length ? { offset: from + limit } : undefined;
      return { orders: pending.slice(from, from + limit).map(copy), next };
    },

    async listForSeller(): Promise<never> {
      throw new Error('listForSeller is not faked: use the integration tier');
    },
  };
  return repository;
}
