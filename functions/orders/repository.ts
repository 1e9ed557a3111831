import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { cancellationReasons, withConflictRetry } from '../../shared/dynamo-errors';
import { queryPage } from '../../shared/dynamo-query';
import type { DomainEvent } from '../../shared/events';
import type { TransactItem } from '../../shared/guarded-transaction';
import { outboxPut } from '../../shared/outbox';
import { AlsoWriteConflictError, CartClaimConflictError, OrderVersionConflictError } from './errors';
import type { OrderRecord, OrderStatus, Shipment, TimelineEntry } from './order';
import {
  returnItemWrites,
  returnKey,
  SELLER_RETURNS_INDEX,
  sellerReturnOf,
  sellerViewItems,
} from './seller-items';
import type { OrderStore } from './store';

type Item = Record<string, unknown>;

export const ORDER_GSI = { byUser: 'ByUser', pending: 'ByPending' } as const;

const key = {
  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  // An index of who ordered what; whether an entry counts as a purchase is the order's status.
  purchase: (userId: string, productId: string, orderId: string) => ({
    pk: `PURCHASE#${userId}`,
    sk: `PRODUCT#${productId}#ORDER#${orderId}`,
  }),
  tracking: (carrier: string, trackingNumber: string) => ({
    pk: `TRACKING#${carrier.toLowerCase()}#${trackingNumber}`,
    sk: 'TRACKING',
  }),
};

function toItem(order: OrderRecord): Item {
  return {
    ...key.order(order.orderId),
    type: 'ORDER',
    order_id: order.orderId,
    user_id: order.userId,
    status: order.status,
    version: order.version,
    lines: order.lines,
    subtotal_cents: order.subtotalCents,
    shipping_cents: order.shippingCents,
    total_cents: order.totalCents,
    refunded_cents: order.refundedCents,
    currency: order.currency,
    shipping_address_id: order.shippingAddressId,
    shipping_address: order.shippingAddress,
    payment_method: order.paymentMethod,
    failure_reason: order.failureReason,
    estimated_delivery: order.estimatedDelivery,
    ordered_at: order.orderedAt,
    updated_at: order.updatedAt,
    timeline: order.timeline,
    shipments: order.shipments,
    returned_quantities: order.returnedQuantities,
    returns: order.returns,
    delivered_at: order.deliveredAt,
    // Sparse: only pending orders are in the reconciler's index.
    pending_bucket: order.status === 'pending' ? 'PENDING' : undefined,
  };
}

function fromItem(item: Item): OrderRecord {
  return {
    orderId: item.order_id as string,
    userId: item.user_id as string,
    status: item.status as OrderStatus,
    version: item.version as number,
    lines: item.lines as OrderRecord['lines'],
    subtotalCents: item.subtotal_cents as number,
    shippingCents: item.shipping_cents as number,
    totalCents: item.total_cents as number,
    refundedCents: (item.refunded_cents as number | undefined) ?? 0,
    currency: item.currency as string,
    shippingAddressId: item.shipping_address_id as string,
    shippingAddress: item.shipping_address as OrderRecord['shippingAddress'],
    paymentMethod: item.payment_method as OrderRecord['paymentMethod'],
    failureReason: (item.failure_reason as string | null | undefined) ?? null,
    estimatedDelivery: item.estimated_delivery as string,
    orderedAt: item.ordered_at as string,
    updatedAt: item.updated_at as string,
    timeline: (item.timeline as TimelineEntry[]) ?? [],
    shipments: (item.shipments as Shipment[] | undefined) ?? [],
    returnedQuantities: (item.returned_quantities as Record<string, number> | undefined) ?? {},
    returns: (item.returns as OrderRecord['returns'] | undefined) ?? [],
    deliveredAt: (item.delivered_at as string | null | undefined) ?? null,
  };
}

/** One outbox item per order version, all of an order's in one partition (so one shard, in order). */
const outboxKeyOf = (order: OrderRecord) => ({
  entity: order.orderId,
  change: `v${String(order.version).padStart(8, '0')}`,
});

/** The orders table: orders (GSI by user, newest first; sparse GSI of pending ones), purchase markers. */
export function orderRepository(doc: DynamoDBDocumentClient, tableName: string): OrderStore {
  return {
    /**
     * Records a new order with its purchase-index entries; `alsoWrite` (checkout's claim on the
     * cart) and the order's events (OrderPlaced, one outbox item) ride in the same transaction.
     * A failed condition on `alsoWrite` throws CartClaimConflictError: nothing was written.
     */
    async create(
      order: OrderRecord,
      alsoWrite: TransactItem[] = [],
      events: DomainEvent[] = [],
    ): Promise<void> {
      const index: TransactItem[] = [...new Set(order.lines.map((line) => line.productId))].map(
        (productId) => ({
          Put: {
            TableName: tableName,
            Item: {
              ...key.purchase(order.userId, productId, order.orderId),
              type: 'PURCHASE',
              order_id: order.orderId,
            },
          },
        }),
      );
      const put: TransactItem = {
        Put: { TableName: tableName, Item: toItem(order), ConditionExpression: 'attribute_not_exists(pk)' },
      };
      const outbox =
        events.length > 0
          ? [outboxPut(tableName, outboxKeyOf(order), events, new Date(order.updatedAt))]
          : [];
      try {
        await withConflictRetry(() =>
          doc.send(new TransactWriteCommand({ TransactItems: [put, ...alsoWrite, ...index, ...outbox] })),
        );
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons?.slice(1, 1 + alsoWrite.length).includes('ConditionalCheckFailed')) {
          throw new CartClaimConflictError();
        }
        throw error;
      }
    },

    async get(orderId: string): Promise<OrderRecord | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.order(orderId), ConsistentRead: true }),
      );
      return Item ? fromItem(Item) : undefined;
    },

    /**
     * Writes a status change conditional on the version and status that were read, appending
     * to the timeline; `alsoWrite` and the change's events (one outbox item, however many
     * events) ride in the same transaction. A lost race throws OrderVersionConflictError so
     * the caller re-reads and re-decides; a failed condition of `alsoWrite` (a tracking number
     * taken meanwhile) throws AlsoWriteConflictError.
     */
    async saveTransition(
      read: OrderRecord,
      next: OrderRecord,
      alsoWrite: TransactItem[] = [],
      events: DomainEvent[] = [],
    ): Promise<void> {
      // The seller views and the return items are the order's own copies: written with it.
      const views = [...sellerViewItems(tableName, next), ...returnItemWrites(tableName, read, next)];
      const others =
        events.length > 0
          ? [...alsoWrite, outboxPut(tableName, outboxKeyOf(next), events, new Date(next.updatedAt))]
          : alsoWrite;
      const update: TransactItem = {
        Put: {
          TableName: tableName,
          Item: toItem(next),
          ConditionExpression: 'version = :version AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':version': read.version, ':status': read.status },
        },
      };
      try {
        if (others.length === 0 && views.length === 0) {
          await doc.send(new PutCommand(update.Put as never));
        } else {
          await doc.send(new TransactWriteCommand({ TransactItems: [update, ...views, ...others] }));
        }
      } catch (error) {
        const name = (error as Error).name;
        const reasons = cancellationReasons(error);
        if (name === 'ConditionalCheckFailedException' || reasons?.[0] === 'ConditionalCheckFailed') {
          throw new OrderVersionConflictError();
        }
        if (reasons?.slice(1 + views.length).includes('ConditionalCheckFailed'))
          throw new AlsoWriteConflictError();
        throw error;
      }
    },

    /** The shipment a carrier's tracking number belongs to, recorded when it shipped. */
    trackingItem(carrier: string, trackingNumber: string, orderId: string, shipmentId: string): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: {
            ...key.tracking(carrier, trackingNumber),
            type: 'TRACKING',
            order_id: orderId,
            shipment_id: shipmentId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    },

    async findByTracking(
      carrier: string,
      trackingNumber: string,
    ): Promise<{ orderId: string; shipmentId: string } | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.tracking(carrier, trackingNumber) }),
      );
      return Item ? { orderId: Item.order_id as string, shipmentId: Item.shipment_id as string } : undefined;
    },

    /** A seller's orders (their lines only), newest first, optionally of one status. */
    async listForSeller(
      sellerId: string,
      options: { limit: number; cursor?: string; status?: string },
    ): Promise<{ items: Item[]; nextCursor: string | null }> {
      const page = await queryPage(
        doc,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: options.status ? '#status = :status' : undefined,
          ExpressionAttributeNames: options.status ? { '#status': 'status' } : undefined,
          ExpressionAttributeValues: {
            ':pk': `SELLER#${sellerId}`,
            ':prefix': 'ORDER#',
            ...(options.status ? { ':status': options.status } : {}),
          },
          ScanIndexForward: false,
        },
        options.limit,
        decodeCursor(options.cursor, { pk: `SELLER#${sellerId}` }),
      );
      return { items: page.items, nextCursor: encodeCursor(page.lastKey) };
    },

    async findReturn(returnId: string): Promise<{ orderId: string; sellerId: string } | undefined> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: returnKey(returnId) }));
      return Item ? { orderId: Item.order_id as string, sellerId: Item.seller_id as string } : undefined;
    },

    /** A seller's returns, newest first, optionally of one status. */
    async listReturnsForSeller(sellerId, options) {
      const page = await queryPage(
        doc,
        {
          TableName: tableName,
          IndexName: SELLER_RETURNS_INDEX,
          KeyConditionExpression: 'return_seller = :seller',
          FilterExpression: options.status ? '#status = :status' : undefined,
          ExpressionAttributeNames: options.status ? { '#status': 'status' } : undefined,
          ExpressionAttributeValues: {
            ':seller': sellerId,
            ...(options.status ? { ':status': options.status } : {}),
          },
          ScanIndexForward: false,
        },
        options.limit,
        decodeCursor(options.cursor, { return_seller: sellerId }),
      );
      return { items: page.items.map(sellerReturnOf), nextCursor: encodeCursor(page.lastKey) };
    },

    /** The user's orders of a product, newest first (their statuses say whether they were bought). */
    async ordersWithProduct(userId: string, productId: string, limit = 20): Promise<string[]> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': `PURCHASE#${userId}`,
            ':prefix': `PRODUCT#${productId}#ORDER#`,
          },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((item) => item.order_id as string);
    },

    /** Every product the user has ordered, with the order (at most `limit` entries). */
    async orderedProducts(
      userId: string,
      limit = 2000,
    ): Promise<Array<{ productId: string; orderId: string }>> {
      const entries: Array<{ productId: string; orderId: string }> = [];
      let startKey: Item | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `PURCHASE#${userId}` },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const [, productId] = /^PRODUCT#(.+)#ORDER#/.exec(item.sk as string) ?? [];
          if (productId && item.order_id) entries.push({ productId, orderId: item.order_id as string });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && entries.length < limit);
      return entries.slice(0, limit);
    },

    async listByUser(
      userId: string,
      options: { limit: number; cursor?: string },
    ): Promise<{ items: OrderRecord[]; nextCursor: string | null }> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: ORDER_GSI.byUser,
          KeyConditionExpression: 'user_id = :user',
          ExpressionAttributeValues: { ':user': userId },
          ScanIndexForward: false,
          Limit: options.limit,
          ExclusiveStartKey: decodeCursor(options.cursor, { user_id: userId }),
        }),
      );
      return { items: (page.Items ?? []).map(fromItem), nextCursor: encodeCursor(page.LastEvaluatedKey) };
    },

    /** Pending orders placed before `before`, oldest first: what the reconciler looks at. */
    /** One page of the orders pending since before `before`, oldest first; `next` continues it. */
    async listPendingBefore(
      before: string,
      limit: number,
      startKey?: Item,
    ): Promise<{ orders: OrderRecord[]; next: Item | undefined }> {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: ORDER_GSI.pending,
          KeyConditionExpression: 'pending_bucket = :pending AND ordered_at < :before',
          ExpressionAttributeValues: { ':pending': 'PENDING', ':before': before },
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      return { orders: (page.Items ?? []).map(fromItem), next: page.LastEvaluatedKey };
    },
  };
}
