import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, withConflictRetry } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import { guardedTransaction, markerPut, type TransactItem } from '../../shared/guarded-transaction';
import { OutOfStockError, type UnavailableLine } from './errors';
import { planSharded, restockAllocations } from './shard-allocation';
import { stockAdjustments } from './stock-adjustments';
import {
  EXPIRY_BUCKETS,
  EXPIRY_INDEX,
  type Item,
  key,
  reportedItem,
  reservationFromItem,
  reservationItemOf,
  stockLevelFrom,
  stockMove,
} from './stock-items';
import { movementLines, stockMovementPut } from './stock-movements';
import type {
  Allocation,
  InventoryStore,
  Reservation,
  ReservationState,
  StockLevel,
  TransitionResult,
} from './store';

/**
 * The only code that moves stock. Every move is a conditional write (or one transaction of
 * them) whose condition is the invariant itself — `available >= q` to reserve, `reserved >= q`
 * to commit or release — and every reservation state change is conditional on the state it
 * leaves, in the same transaction as its stock moves. Nothing reads, computes and writes back.
 */
export function inventoryRepository(doc: DynamoDBDocumentClient, tableName: string): InventoryStore {
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

  const repository: InventoryStore = {
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
        const reservationItem = reservationItemOf(orderId, lines, plans, expiresAt, now);
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
                  stockMovementPut(tableName, 'reserve', orderId, movementLines('reserve', lines), now),
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
    ): Promise<TransitionResult> {
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
      const movement =
        move === 'none'
          ? []
          : [stockMovementPut(tableName, move, orderId, movementLines(move, reservation.lines), now)];
      if (await guardedTransaction(doc, [reservationUpdate, ...stockMoves, ...movement])) {
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
      const restocked: Array<{ productId: string; quantity: number }> = [];
      for (const line of lines) {
        const reserved = reservation.lines.find((candidate) => candidate.productId === line.productId);
        if (!reserved) continue;
        for (const allocation of restockAllocations(
          reserved.allocations,
          Math.min(line.quantity, reserved.quantity),
        )) {
          moves.push(stockMove(tableName, line.productId, allocation, 'restock', now));
          restocked.push({ productId: line.productId, quantity: allocation.quantity });
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
          stockMovementPut(
            tableName,
            'restock',
            `${orderId}#${restockId}`,
            movementLines('restock', restocked),
            now,
          ),
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

    ...stockAdjustments(doc, tableName, {
      shardedHint,
      readStockItems,
      getStock: (productId) => repository.getStock(productId),
    }),
  };

  return repository;
}
