import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, withConflictRetry } from '../../shared/dynamo-errors';
import { ConflictError, ForbiddenError } from '../../shared/errors';
import type { TransactItem } from '../../shared/guarded-transaction';
import { InsufficientStockError, StockRecordNotFoundError } from './errors';
import { initialShardStock, shardAdjustments } from './shard-allocation';
import { type Item, key, reportedItem, shardAdd } from './stock-items';
import { movementLines, stockMovementPut } from './stock-movements';
import { stockKey } from './stock-records';
import type { Actor, InventoryStore, StockLevel } from './store';

/** What the adjustments share with the rest of inventory's adapter. */
export interface StockReads {
  /** Products known to be sharded, so an adjustment plans across shards on its first attempt. */
  shardedHint: Map<string, number>;
  readStockItems(productId: string): Promise<Item[]>;
  getStock(productId: string): Promise<StockLevel | undefined>;
}

/** A seller's stock changes: adjusting the available units, and splitting stock into shards. */
export function stockAdjustments(
  doc: DynamoDBDocumentClient,
  tableName: string,
  { shardedHint, readStockItems, getStock }: StockReads,
): Pick<InventoryStore, 'adjust' | 'enableSharding'> {
  const adjustments: Pick<InventoryStore, 'adjust' | 'enableSharding'> = {
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
      const level = shardedHint.has(productId) ? await getStock(productId) : undefined;
      if (!level || level.shardCount === 0) {
        try {
          await withConflictRetry(() =>
            doc.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Update: {
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
                    },
                  },
                  sellerDeltaMovement(productId, delta, now),
                ],
              }),
            ),
          );
          return;
        } catch (error) {
          if (cancellationReasons(error)?.[0] !== 'ConditionalCheckFailed') throw error;
          const item = reportedItem(error, 0);
          if (!item) throw new StockRecordNotFoundError();
          if (!actor.isAdmin && item.seller_id !== actor.userId) {
            throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
          }
          if (((item.shard_count as number | undefined) ?? 0) > 0) {
            shardedHint.set(productId, item.shard_count as number);
            return adjustments.adjust(productId, actor, delta, lowStockThreshold, now);
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
        const shardStock = initialShardStock(available, shardCount);
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
                      available: shardStock[shard],
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
      const current = attempt === 1 ? level : await getStock(level.productId);
      if (!current) throw new StockRecordNotFoundError();
      if (delta < 0 && current.available < -delta) {
        throw new InsufficientStockError(level.productId, current.available);
      }
      const moves: TransactItem[] = shardAdjustments(current, delta).map((adjustment) =>
        shardAdd(tableName, level.productId, adjustment.sk, adjustment.quantity, now),
      );
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
      moves.push(sellerDeltaMovement(level.productId, delta, now));
      try {
        await withConflictRetry(() => doc.send(new TransactWriteCommand({ TransactItems: moves })));
        return;
      } catch (error) {
        if (!cancellationReasons(error)?.includes('ConditionalCheckFailed')) throw error;
      }
    }
    throw new Error('Stock kept changing during the adjustment; try again');
  }

  function sellerDeltaMovement(productId: string, delta: number, now: string): TransactItem {
    return stockMovementPut(
      tableName,
      'seller-delta',
      productId,
      movementLines('seller-delta', [{ productId, quantity: delta }]),
      now,
    );
  }

  return adjustments;
}
