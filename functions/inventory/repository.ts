import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { cancellationReasons, isConditionFailure, withConflictRetry } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import { ConflictError, ForbiddenError } from '../../shared/errors';
import { guardedTransaction, markerPut, type TransactItem } from '../../shared/guarded-transaction';
import {
  InsufficientStockError,
  OutOfStockError,
  StockRecordNotFoundError,
  type UnavailableLine,
} from './errors';
import { DEFAULT_LOW_STOCK_THRESHOLD, stockKey } from './stock-records';

type Item = Record<string, unknown>;

export type ReservationState = 'held' | 'charging' | 'committed' | 'released';

/** Where a reserved quantity sits: the product's main stock record or one of its shards. */
export interface Allocation {
  sk: string;
  quantity: number;
}

export interface ReservationLine {
  productId: string;
  quantity: number;
  allocations: Allocation[];
}

export interface Reservation {
  orderId: string;
  state: ReservationState;
  lines: ReservationLine[];
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

/** A product's stock, summed over its main record and shards. */
export interface StockLevel {
  productId: string;
  sellerId: string;
  available: number;
  reserved: number;
  sold: number;
  /** Sum of the records' versions: it only ever grows, so consumers can order snapshots. */
  version: number;
  lowStockThreshold: number;
  shardCount: number;
  updatedAt: string;
  records: Array<{ sk: string; available: number }>;
}

export interface Actor {
  userId: string;
  isAdmin: boolean;
}

const EXPIRY_BUCKETS = 10;
export const EXPIRY_INDEX = 'ByExpiry';

const key = {
  reservation: (orderId: string) => ({ pk: `RES#${orderId}`, sk: 'RES' }),
  shard: (productId: string, shard: number) => ({
    pk: `STOCK#${productId}`,
    sk: `SHARD#${String(shard).padStart(3, '0')}`,
  }),
};

/** Held reservations are spread over a few index partitions so the sweeper's index has no hot key. */
function expiryBucket(orderId: string): string {
  let hash = 0;
  for (const char of orderId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `HELD#${hash % EXPIRY_BUCKETS}`;
}

function reservationFromItem(item: Item): Reservation {
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

function stockLevelFrom(productId: string, items: Item[]): StockLevel | undefined {
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
function stockMove(
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

/** The item a cancelled transaction reported for action `index` (when ALL_OLD was asked for). */
function reportedItem(error: unknown, index: number): Item | undefined {
  const raw = (error as TransactionCanceledException).CancellationReasons?.[index]?.Item;
  return raw ? unmarshall(raw as Parameters<typeof unmarshall>[0]) : undefined;
}

export type InventoryRepository = ReturnType<typeof inventoryRepository>;

/**
 * The only code that moves stock. Every move is a conditional write (or one transaction of
 * them) whose condition is the invariant itself — `available >= q` to reserve, `reserved >= q`
 * to commit or release — and every reservation state change is conditional on the state it
 * leaves, in the same transaction as its stock moves. Nothing reads, computes and writes back.
 */
export function inventoryRepository(doc: DynamoDBDocumentClient, tableName: string) {
  /** Products known to be sharded, so reserve plans across shards on its first attempt. */
  const shardedHint = new Map<string, number>();

  function readStockItems(productId: string): Promise<Item[]> {
    return queryAll(doc, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `STOCK#${productId}` },
      ConsistentRead: true,
    });
  }

  /**
   * Spreads a quantity over a sharded product's records, starting at a random shard so
   * concurrent buyers land on different items, and falling over to the others.
   */
  function planSharded(level: StockLevel, quantity: number): Allocation[] | undefined {
    const records = level.records.filter((record) => record.available > 0);
    if (records.length === 0) return undefined;
    const start = Math.floor(Math.random() * records.length);
    const allocations: Allocation[] = [];
    let remaining = quantity;
    for (let i = 0; i < records.length && remaining > 0; i++) {
      const record = records[(start + i) % records.length]!;
      const take = Math.min(record.available, remaining);
      allocations.push({ sk: record.sk, quantity: take });
      remaining -= take;
    }
    return remaining === 0 ? allocations : undefined;
  }

  const repository = {
    async getStock(productId: string): Promise<StockLevel | undefined> {
      return stockLevelFrom(productId, await readStockItems(productId));
    },

    async getReservation(orderId: string): Promise<Reservation | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.reservation(orderId), ConsistentRead: true }),
      );
      return Item ? reservationFromItem(Item) : undefined;
    },

    /**
     * Reserves every line or none, in one TransactWriteItems with the reservation record.
     * A second reserve for the same order finds the record and moves nothing.
     */
    async reserve(
      orderId: string,
      lines: Array<{ productId: string; quantity: number }>,
      expiresAt: string,
      now: string,
    ): Promise<{ reservation: Reservation; created: boolean }> {
      const plans = new Map<string, Allocation[]>();
      for (const line of lines) plans.set(line.productId, [{ sk: 'STOCK', quantity: line.quantity }]);
      for (const line of lines) {
        if (shardedHint.has(line.productId)) await replan(line);
      }

      async function replan(line: { productId: string; quantity: number }): Promise<boolean> {
        const level = await repository.getStock(line.productId);
        if (level && level.shardCount > 0) shardedHint.set(line.productId, level.shardCount);
        const plan = level ? planSharded(level, line.quantity) : undefined;
        if (!plan) return false;
        plans.set(line.productId, plan);
        return true;
      }

      for (let attempt = 1; ; attempt++) {
        const reservationItem = {
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
        const moves = lines.flatMap((line) =>
          plans.get(line.productId)!.map((allocation) => ({
            line,
            action: stockMove(tableName, line.productId, allocation, 'reserve', now),
          })),
        );
        try {
          await withConflictRetry(() =>
            doc.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Put: {
                      TableName: tableName,
                      Item: reservationItem,
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                  ...moves.map((move) => move.action),
                ],
              }),
            ),
          );
          return { reservation: reservationFromItem(reservationItem), created: true };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          if (reasons[0] === 'ConditionalCheckFailed') {
            const existing = await repository.getReservation(orderId);
            if (existing) return { reservation: existing, created: false };
          }
          // Which lines failed, and could a (re)plan across shards still serve them?
          const failedLines = new Map<string, { productId: string; quantity: number }>();
          let retryable = false;
          for (const [index, move] of moves.entries()) {
            if (reasons[index + 1] !== 'ConditionalCheckFailed') continue;
            failedLines.set(move.line.productId, move.line);
            const reported = reportedItem(error, index + 1);
            const sharded =
              ((reported?.shard_count as number | undefined) ?? 0) > 0 ||
              move.action.Update!.Key!.sk !== 'STOCK';
            if (sharded && attempt < 4) retryable = (await replan(move.line)) || retryable;
          }
          if (retryable) continue;
          const unavailable: UnavailableLine[] = [...failedLines.values()].map((line) => ({
            product_id: line.productId,
            requested: line.quantity,
          }));
          throw new OutOfStockError(unavailable);
        }
      }
    },

    /**
     * Moves a reservation from one of `from` to `to`, with its stock moves, in one transaction.
     * When the reservation is not in `from`, nothing moves and the state found is reported.
     */
    async transition(
      orderId: string,
      from: ReservationState[],
      to: ReservationState,
      move: 'commit' | 'release' | 'none',
      now: string,
      options: { expiredBy?: string; notExpiredAt?: string } = {},
    ): Promise<{
      changed: boolean;
      state: ReservationState | undefined;
      reservation: Reservation | undefined;
    }> {
      const reservation = await repository.getReservation(orderId);
      if (!reservation) return { changed: false, state: undefined, reservation: undefined };
      if (!from.includes(reservation.state)) return { changed: false, state: reservation.state, reservation };
      const values: Record<string, unknown> = { ':to': to, ':now': now };
      from.forEach((state, i) => {
        values[`:from${i}`] = state;
      });
      let condition = `#state IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
      if (options.expiredBy) {
        condition += ' AND expires_at <= :expiredBy';
        values[':expiredBy'] = options.expiredBy;
      }
      if (options.notExpiredAt) {
        condition += ' AND expires_at > :notExpiredAt';
        values[':notExpiredAt'] = options.notExpiredAt;
      }
      const reservationUpdate: TransactItem = {
        Update: {
          TableName: tableName,
          Key: key.reservation(orderId),
          UpdateExpression: 'SET #state = :to, updated_at = :now REMOVE held_bucket',
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
        },
      };
      const stockMoves =
        move === 'none'
          ? []
          : reservation.lines.flatMap((line) =>
              line.allocations.map((allocation) =>
                stockMove(tableName, line.productId, allocation, move, now),
              ),
            );
      if (await guardedTransaction(doc, [reservationUpdate, ...stockMoves])) {
        return { changed: true, state: to, reservation: { ...reservation, state: to, updatedAt: now } };
      }
      const current = await repository.getReservation(orderId);
      return { changed: false, state: current?.state, reservation: current };
    },

    /**
     * Returns sold units of a committed reservation to `available` (a cancelled or returned
     * order), once per `restockId`: the marker and the moves are one transaction.
     */
    async restock(
      orderId: string,
      restockId: string,
      lines: Array<{ productId: string; quantity: number }>,
      now: string,
    ): Promise<{ changed: boolean }> {
      const reservation = await repository.getReservation(orderId);
      if (reservation?.state !== 'committed') return { changed: false };
      const moves: TransactItem[] = [];
      for (const line of lines) {
        const reserved = reservation.lines.find((candidate) => candidate.productId === line.productId);
        if (!reserved) continue;
        let remaining = Math.min(line.quantity, reserved.quantity);
        for (const allocation of reserved.allocations) {
          if (remaining <= 0) break;
          const quantity = Math.min(allocation.quantity, remaining);
          moves.push(stockMove(tableName, line.productId, { sk: allocation.sk, quantity }, 'restock', now));
          remaining -= quantity;
        }
      }
      if (moves.length === 0) return { changed: false };
      return {
        changed: await guardedTransaction(doc, [
          markerPut(tableName, {
            pk: `RES#${orderId}`,
            sk: `RESTOCK#${restockId}`,
            type: 'RESTOCK',
            created_at: now,
          }),
          ...moves,
        ]),
      };
    },

    /** Held reservations whose time is up, found through the expiry index (never a scan). */
    async findExpiredHeld(now: string, limitPerBucket = 100): Promise<string[]> {
      const orderIds: string[] = [];
      await Promise.all(
        Array.from({ length: EXPIRY_BUCKETS }, async (_, bucket) => {
          const page = await doc.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: EXPIRY_INDEX,
              KeyConditionExpression: 'held_bucket = :bucket AND expires_at <= :now',
              ExpressionAttributeValues: { ':bucket': `HELD#${bucket}`, ':now': now },
              Limit: limitPerBucket,
            }),
          );
          for (const item of page.Items ?? []) orderIds.push(item.order_id as string);
        }),
      );
      return orderIds;
    },

    /**
     * A seller's stock adjustment: one conditional update (a transaction over shards for a
     * sharded product). A negative delta never takes `available` below zero.
     */
    async adjust(
      productId: string,
      actor: Actor,
      delta: number,
      lowStockThreshold: number | undefined,
      now: string,
    ): Promise<void> {
      const owner = actor.isAdmin ? '' : ' AND seller_id = :seller';
      const ownerValues = actor.isAdmin ? {} : { ':seller': actor.userId };
      const thresholdSet = lowStockThreshold === undefined ? '' : ', low_stock_threshold = :threshold';
      const thresholdValues = lowStockThreshold === undefined ? {} : { ':threshold': lowStockThreshold };
      const level = shardedHint.has(productId) ? await repository.getStock(productId) : undefined;
      if (!level || level.shardCount === 0) {
        try {
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: stockKey(productId),
              UpdateExpression: `SET available = available + :delta, version = version + :one, updated_at = :now${thresholdSet}`,
              ConditionExpression: `attribute_exists(pk)${owner}${delta < 0 ? ' AND available >= :needed' : ''} AND (attribute_not_exists(shard_count) OR shard_count = :zero)`,
              ExpressionAttributeValues: {
                ':delta': delta,
                ':one': 1,
                ':now': now,
                ':zero': 0,
                ...(delta < 0 ? { ':needed': -delta } : {}),
                ...ownerValues,
                ...thresholdValues,
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          );
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          const old = (error as { Item?: Record<string, unknown> }).Item;
          const item = old ? unmarshall(old as Parameters<typeof unmarshall>[0]) : undefined;
          if (!item) throw new StockRecordNotFoundError();
          if (!actor.isAdmin && item.seller_id !== actor.userId) {
            throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
          }
          if ((item.shard_count ?? 0) > 0) {
            shardedHint.set(productId, item.shard_count);
            return repository.adjust(productId, actor, delta, lowStockThreshold, now);
          }
          throw new InsufficientStockError(productId, item.available as number);
        }
      }
      return adjustSharded(level, actor, delta, lowStockThreshold, now);
    },

    /**
     * Splits a product's stock into `shardCount` records so concurrent reservations of a hot
     * product land on different items. Conditional on the stock read, so no unit is lost.
     */
    async enableSharding(productId: string, actor: Actor, shardCount: number, now: string): Promise<void> {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const items = await readStockItems(productId);
        const main = items.find((item) => item.sk === 'STOCK');
        if (!main) throw new StockRecordNotFoundError();
        if (!actor.isAdmin && main.seller_id !== actor.userId) {
          throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
        }
        const current = (main.shard_count as number | undefined) ?? 0;
        if (current === shardCount) return;
        if (current > 0) {
          throw new ConflictError('ALREADY_SHARDED', `Stock is already split into ${current} shards`);
        }
        const available = main.available as number;
        const base = Math.floor(available / shardCount);
        const extra = available % shardCount;
        try {
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: stockKey(productId),
                    UpdateExpression:
                      'SET available = :zero, shard_count = :count, version = version + :one, updated_at = :now',
                    ConditionExpression:
                      'available = :available AND (attribute_not_exists(shard_count) OR shard_count = :zero)',
                    ExpressionAttributeValues: {
                      ':zero': 0,
                      ':count': shardCount,
                      ':one': 1,
                      ':now': now,
                      ':available': available,
                    },
                  },
                },
                ...Array.from({ length: shardCount }, (_, shard) => ({
                  Put: {
                    TableName: tableName,
                    Item: {
                      ...key.shard(productId, shard),
                      type: 'STOCK_SHARD',
                      product_id: productId,
                      available: base + (shard < extra ? 1 : 0),
                      reserved: 0,
                      sold: 0,
                      version: 1,
                      updated_at: now,
                    },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                })),
              ],
            }),
          );
          shardedHint.set(productId, shardCount);
          return;
        } catch (error) {
          if (cancellationReasons(error)?.[0] !== 'ConditionalCheckFailed') throw error;
        }
      }
      throw new Error('Stock kept changing while it was being split; try again');
    },
  };

  async function adjustSharded(
    level: StockLevel,
    actor: Actor,
    delta: number,
    lowStockThreshold: number | undefined,
    now: string,
  ): Promise<void> {
    if (!actor.isAdmin && level.sellerId !== actor.userId) {
      throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
    }
    for (let attempt = 1; attempt <= 5; attempt++) {
      const current = attempt === 1 ? level : await repository.getStock(level.productId);
      if (!current) throw new StockRecordNotFoundError();
      const moves: TransactItem[] = [];
      const shards = current.records.filter((record) => record.sk !== 'STOCK');
      if (delta >= 0) {
        // New units are spread evenly so every shard can serve buyers.
        shards.forEach((shard, i) => {
          const share = Math.floor(delta / shards.length) + (i < delta % shards.length ? 1 : 0);
          if (share > 0) moves.push(shardAdd(level.productId, shard.sk, share, now));
        });
      } else {
        if (current.available < -delta) throw new InsufficientStockError(level.productId, current.available);
        let remaining = -delta;
        for (const record of [...current.records].sort((a, b) => b.available - a.available)) {
          if (remaining === 0) break;
          const take = Math.min(record.available, remaining);
          if (take > 0) moves.push(shardAdd(level.productId, record.sk, -take, now));
          remaining -= take;
        }
      }
      moves.push({
        Update: {
          TableName: tableName,
          Key: stockKey(level.productId),
          UpdateExpression: `SET updated_at = :now${lowStockThreshold === undefined ? '' : ', low_stock_threshold = :threshold'}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':now': now,
            ...(lowStockThreshold === undefined ? {} : { ':threshold': lowStockThreshold }),
          },
        },
      });
      try {
        await withConflictRetry(() => doc.send(new TransactWriteCommand({ TransactItems: moves })));
        return;
      } catch (error) {
        if (!cancellationReasons(error)?.includes('ConditionalCheckFailed')) throw error;
      }
    }
    throw new Error('Stock kept changing during the adjustment; try again');
  }

  function shardAdd(productId: string, sk: string, quantity: number, now: string): TransactItem {
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

  return repository;
}
