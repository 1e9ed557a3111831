import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TransactItem } from '../../shared/guarded-transaction';
import { DEFAULT_LOW_STOCK_THRESHOLD } from './stock-records';
import type { Allocation, Reservation, ReservationState, StockLevel } from './store';

/** The DynamoDB side of inventory's adapter: keys, item mapping and the stock-move updates. */
export type Item = Record<string, unknown>;

export const EXPIRY_BUCKETS = 10;
export const EXPIRY_INDEX = 'ByExpiry';

export const key = {
  reservation: (orderId: string) => ({ pk: `RES#${orderId}`, sk: 'RES' }),
  shard: (productId: string, shard: number) => ({
    pk: `STOCK#${productId}`,
    sk: `SHARD#${String(shard).padStart(3, '0')}`,
  }),
};

/** Held reservations are spread over a few index partitions so the sweeper's index has no hot key. */
export function expiryBucket(orderId: string): string {
  let hash = 0;
  for (const char of orderId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `HELD#${hash % EXPIRY_BUCKETS}`;
}

export function reservationFromItem(item: Item): Reservation {
  return {
    orderId: item.order_id as string,
    state: item.state as ReservationState,
    lines: (item.lines as Array<{ product_id: string; quantity: number; allocations: Allocation[] }>).map(
      (line) => ({
        productId: line.product_id,
        quantity: line.quantity,
        allocations: line.allocations,
      }),
    ),
    expiresAt: item.expires_at as string,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string,
  };
}

export function stockLevelFrom(productId: string, items: Item[]): StockLevel | undefined {
  const main = items.find((item) => item.sk === 'STOCK');
  if (!main) return undefined;
  const sum = (field: string) =>
    items.reduce((total, item) => total + ((item[field] as number | undefined) ?? 0), 0);
  return {
    productId,
    sellerId: main.seller_id as string,
    available: sum('available'),
    reserved: sum('reserved'),
    sold: sum('sold'),
    version: sum('version'),
    lowStockThreshold: (main.low_stock_threshold as number | undefined) ?? DEFAULT_LOW_STOCK_THRESHOLD,
    shardCount: (main.shard_count as number | undefined) ?? 0,
    updatedAt:
      items
        .map((item) => item.updated_at as string)
        .sort()
        .at(-1) ?? (main.updated_at as string),
    records: items.map((item) => ({ sk: item.sk as string, available: item.available as number })),
  };
}

/** The same quantity move on a stock record, written once for every kind of move. */
export function stockMove(
  tableName: string,
  productId: string,
  allocation: Allocation,
  move: 'reserve' | 'commit' | 'release' | 'restock',
  now: string,
): TransactItem {
  const expressions = {
    reserve: ['available = available - :q, reserved = reserved + :q', 'available >= :q'],
    commit: ['reserved = reserved - :q, sold = sold + :q', 'reserved >= :q'],
    release: ['reserved = reserved - :q, available = available + :q', 'reserved >= :q'],
    restock: ['sold = sold - :q, available = available + :q', 'sold >= :q'],
  } as const;
  const [set, condition] = expressions[move];
  return {
    Update: {
      TableName: tableName,
      Key: { pk: `STOCK#${productId}`, sk: allocation.sk },
      UpdateExpression: `SET ${set}, version = version + :one, updated_at = :now`,
      ConditionExpression: condition,
      ExpressionAttributeValues: { ':q': allocation.quantity, ':one': 1, ':now': now },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** A seller's change of one record's available units; a negative one never takes it below zero. */
export function shardAdd(
  tableName: string,
  productId: string,
  sk: string,
  quantity: number,
  now: string,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: `STOCK#${productId}`, sk },
      UpdateExpression: 'SET available = available + :q, version = version + :one, updated_at = :now',
      ConditionExpression: quantity < 0 ? 'available >= :needed' : 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':q': quantity,
        ':one': 1,
        ':now': now,
        ...(quantity < 0 ? { ':needed': -quantity } : {}),
      },
    },
  };
}

/** The item a cancelled transaction reported for action `index` (when ALL_OLD was asked for). */
export function reportedItem(error: unknown, index: number): Item | undefined {
  const raw = (error as TransactionCanceledException).CancellationReasons?.[index]?.Item;
  return raw ? unmarshall(raw as Parameters<typeof unmarshall>[0]) : undefined;
}

/** A new held reservation, with the allocation planned for each line. */
export function reservationItemOf(
  orderId: string,
  lines: Array<{ productId: string; quantity: number }>,
  plans: Map<string, Allocation[]>,
  expiresAt: string,
  now: string,
): Item {
  return {
    ...key.reservation(orderId),
    type: 'RESERVATION',
    order_id: orderId,
    state: 'held',
    lines: lines.map((line) => ({
      product_id: line.productId,
      quantity: line.quantity,
      allocations: plans.get(line.productId),
    })),
    expires_at: expiresAt,
    held_bucket: expiryBucket(orderId),
    created_at: now,
    updated_at: now,
  };
}
