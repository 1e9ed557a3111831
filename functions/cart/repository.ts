import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, isConditionFailure, withConflictRetry } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import { guardedTransaction, markerPut } from '../../shared/guarded-transaction';
import {
  cartFromItems,
  key,
  lineFromItem,
  mergeLineWrites,
  metaChange,
  orderedRemovalWrites,
} from './cart-items';
import { CartItemNotFoundError, CartLimitError } from './errors';
import type { Cart, CartLine, CartStore, IncrementOutcome, MergeTarget } from './store';

/**
 * The carts table: a META item per cart (line count, merge mark, TTL for anonymous carts)
 * and one ITEM per product. Anonymous carts carry `expires_at`; DynamoDB's TTL deletes them
 * eventually, and reads treat an expired cart as gone right away.
 */
export function cartRepository(doc: DynamoDBDocumentClient, tableName: string): CartStore {
  const repository: CartStore = {
    async get(cartId: string, nowSeconds: number): Promise<Cart> {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CART#${cartId}` },
        ConsistentRead: true,
      });
      return cartFromItems(cartId, items, nowSeconds);
    },

    /**
     * Adds to an existing line, keeping it within `maxQuantity`. Reports `missing` when the
     * cart has no such line yet, or the quantity the line already holds when the sum is too much.
     */
    async increment(
      cartId: string,
      productId: string,
      quantity: number,
      maxQuantity: number,
      now: string,
      expiresAt: number | undefined,
    ): Promise<IncrementOutcome> {
      try {
        await withConflictRetry(() =>
          doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: key.line(cartId, productId),
                    // added_quantity and add_version tell the stream this write was an add (CartItemAdded).
                    UpdateExpression: `SET quantity = quantity + :q, added_quantity = :q, updated_at = :now${expiresAt ? ', expires_at = :exp' : ''} ADD add_version :one`,
                    ConditionExpression: 'attribute_exists(pk) AND quantity <= :room',
                    ExpressionAttributeValues: {
                      ':q': quantity,
                      ':one': 1,
                      ':now': now,
                      ':room': maxQuantity - quantity,
                      ...(expiresAt ? { ':exp': expiresAt } : {}),
                    },
                  },
                },
                metaChange(tableName, cartId, now, expiresAt),
              ],
            }),
          ),
        );
        return { outcome: 'added', line: (await readLine(cartId, productId))! };
      } catch (error) {
        if (cancellationReasons(error)?.[0] !== 'ConditionalCheckFailed') throw error;
        const old = await readLine(cartId, productId);
        if (!old) return { outcome: 'missing' };
        return { outcome: 'over', current: old.quantity };
      }
    },

    /** Adds a new line, counting it on META so no cart exceeds `maxLines`, even under concurrency. */
    async addLine(
      cartId: string,
      line: CartLine,
      maxLines: number,
      now: string,
      expiresAt: number | undefined,
    ): Promise<'added' | 'exists'> {
      try {
        const added = await guardedTransaction(doc, [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...key.line(cartId, line.productId),
                type: 'CART_ITEM',
                item_id: line.itemId,
                product_id: line.productId,
                quantity: line.quantity,
                added_quantity: line.quantity,
                add_version: 1,
                price_when_added_cents: line.priceWhenAddedCents,
                added_at: line.addedAt,
                updated_at: line.updatedAt,
                expires_at: expiresAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: key.meta(cartId),
              UpdateExpression: `SET cart_id = :id, updated_at = :now${expiresAt ? ', expires_at = :exp' : ''} ADD line_count :one, version :one`,
              ConditionExpression:
                '(attribute_not_exists(line_count) OR line_count < :max) AND attribute_not_exists(merged_into)',
              ExpressionAttributeValues: {
                ':id': cartId,
                ':now': now,
                ':one': 1,
                ':max': maxLines,
                ...(expiresAt ? { ':exp': expiresAt } : {}),
              },
            },
          },
        ]);
        return added ? 'added' : 'exists';
      } catch (error) {
        if (cancellationReasons(error)?.[1] === 'ConditionalCheckFailed') {
          throw new CartLimitError(
            'items',
            `a cart holds at most ${maxLines} different products`,
            'CART_LINE_LIMIT',
          );
        }
        throw error;
      }
    },

    async setQuantity(
      cartId: string,
      productId: string,
      quantity: number,
      now: string,
      expiresAt: number | undefined,
    ): Promise<CartLine> {
      const written = await guardedTransaction(doc, [
        {
          Update: {
            TableName: tableName,
            Key: key.line(cartId, productId),
            UpdateExpression: `SET quantity = :q, updated_at = :now${expiresAt ? ', expires_at = :exp' : ''}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ':q': quantity,
              ':now': now,
              ...(expiresAt ? { ':exp': expiresAt } : {}),
            },
          },
        },
        metaChange(tableName, cartId, now, expiresAt),
      ]);
      if (!written) throw new CartItemNotFoundError();
      const line = await readLine(cartId, productId);
      if (!line) throw new CartItemNotFoundError();
      return line;
    },

    async removeLine(cartId: string, productId: string, now: string): Promise<void> {
      const written = await guardedTransaction(doc, [
        {
          Delete: {
            TableName: tableName,
            Key: key.line(cartId, productId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: key.meta(cartId),
            UpdateExpression: 'SET updated_at = :now ADD line_count :minusOne, version :one',
            ExpressionAttributeValues: { ':now': now, ':minusOne': -1, ':one': 1 },
          },
        },
      ]);
      if (!written) throw new CartItemNotFoundError();
    },

    /**
     * Folds an anonymous cart into a user's, exactly once: the anonymous cart is marked merged
     * in the same transaction that writes the user's lines, each conditional on what was read.
     * Returns false when another request merged it first.
     */
    async merge(
      anonymousId: string,
      userId: string,
      plan: (anonymous: Cart, user: Cart) => MergeTarget[],
      now: string,
    ): Promise<boolean> {
      const nowSeconds = Math.floor(Date.parse(now) / 1000);
      for (let attempt = 1; attempt <= 4; attempt++) {
        const anonymous = await repository.get(anonymousId, nowSeconds);
        if (!anonymous.exists || anonymous.mergedInto) return false;
        const user = await repository.get(userId, nowSeconds);
        const { writes, lineCount } = mergeLineWrites(tableName, userId, user, plan(anonymous, user), now);
        try {
          await withConflictRetry(() =>
            doc.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Update: {
                      TableName: tableName,
                      Key: key.meta(anonymousId),
                      UpdateExpression: 'SET merged_into = :user, updated_at = :now',
                      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(merged_into)',
                      ExpressionAttributeValues: { ':user': userId, ':now': now },
                    },
                  },
                  ...writes,
                  {
                    Update: {
                      TableName: tableName,
                      Key: key.meta(userId),
                      UpdateExpression:
                        'SET cart_id = :id, line_count = :count, updated_at = :now ADD version :one',
                      ConditionExpression: user.exists ? 'line_count = :read' : 'attribute_not_exists(pk)',
                      ExpressionAttributeValues: {
                        ':id': userId,
                        ':count': lineCount,
                        ':now': now,
                        ':one': 1,
                        ...(user.exists ? { ':read': user.lineCount } : {}),
                      },
                    },
                  },
                ],
              }),
            ),
          );
          return true;
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          if (reasons[0] === 'ConditionalCheckFailed') return false;
          // The user's cart changed under us: read both again and re-plan.
        }
      }
      throw new Error('The carts kept changing during the merge; try again');
    },

    /**
     * Takes a paid order's quantities out of the buyer's cart, once per order: the marker and
     * the line changes are one transaction. Lines added since checkout, or extra units, stay.
     */
    async removeOrdered(
      cartId: string,
      orderId: string,
      ordered: Array<{ productId: string; quantity: number }>,
      now: string,
    ): Promise<boolean> {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const cart = await repository.get(cartId, Math.floor(Date.parse(now) / 1000));
        const writes = orderedRemovalWrites(tableName, cart, orderId, ordered, now);
        try {
          return await guardedTransaction(doc, [
            markerPut(tableName, {
              ...key.paidOrder(cartId, orderId),
              type: 'PAID_ORDER',
              created_at: now,
              expires_at: Math.floor(Date.parse(now) / 1000) + 90 * 86400,
            }),
            ...writes,
          ]);
        } catch (error) {
          // A line changed since it was read: read the cart again and re-plan.
          if (!cancellationReasons(error)) throw error;
        }
      }
      throw new Error('The cart kept changing while the paid order was applied');
    },

    /** Gives the cart back to its owner when the order that claimed it failed; false if that order holds no claim. */
    async releaseCheckoutClaim(cartId: string, orderId: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.meta(cartId),
            UpdateExpression: 'REMOVE checkout_order_id, checkout_version, checkout_claimed_at',
            ConditionExpression: 'checkout_order_id = :order',
            ExpressionAttributeValues: { ':order': orderId },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };

  async function readLine(cartId: string, productId: string): Promise<CartLine | undefined> {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tableName, Key: key.line(cartId, productId), ConsistentRead: true }),
    );
    return Item ? lineFromItem(Item) : undefined;
  }

  return repository;
}
