import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type Cart, type CartLine, itemIdOf, type MergeTarget } from './store';

/** The DynamoDB side of the cart adapter: keys, item mapping and the writes it composes. */
export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const key = {
  meta: (cartId: string) => ({ pk: `CART#${cartId}`, sk: 'META' }),
  line: (cartId: string, productId: string) => ({ pk: `CART#${cartId}`, sk: `ITEM#${productId}` }),
  paidOrder: (cartId: string, orderId: string) => ({ pk: `CART#${cartId}`, sk: `PAID#${orderId}` }),
};

/**
 * The cart's exported transaction item for checkout: claims the cart at the version checkout
 * read, naming the order that converts it. Orders puts it in the transaction that records the
 * order (the second sanctioned cross-table write), so a cart version becomes one order at most.
 * It fails when the cart changed since it was read or another checkout holds the claim.
 */
export function checkoutClaimUpdate(
  tableName: string,
  claim: { cartId: string; version: number; orderId: string; at: string },
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: key.meta(claim.cartId),
      UpdateExpression:
        'SET checkout_order_id = :order, checkout_version = :version, checkout_claimed_at = :at',
      // A cart written before versions existed has none: it is version 0 until its next change.
      ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(checkout_order_id) AND ${
        claim.version === 0 ? 'attribute_not_exists(version)' : 'version = :version'
      }`,
      ExpressionAttributeValues: { ':order': claim.orderId, ':version': claim.version, ':at': claim.at },
    },
  };
}

export function lineFromItem(item: Item): CartLine {
  return {
    itemId: item.item_id as string,
    productId: item.product_id as string,
    quantity: item.quantity as number,
    priceWhenAddedCents: item.price_when_added_cents as number,
    addedAt: item.added_at as string,
    updatedAt: item.updated_at as string,
  };
}

/** A cart from its META item and lines; an expired anonymous cart reads as gone. */
export function cartFromItems(cartId: string, items: Item[], nowSeconds: number): Cart {
  const meta = items.find((item) => item.sk === 'META');
  const expired = meta?.expires_at !== undefined && (meta.expires_at as number) <= nowSeconds;
  if (!meta || expired) {
    return {
      cartId,
      lines: [],
      lineCount: 0,
      mergedInto: null,
      exists: false,
      version: 0,
      checkoutClaim: null,
    };
  }
  return {
    cartId,
    lines: items.filter((item) => (item.sk as string).startsWith('ITEM#')).map(lineFromItem),
    lineCount: (meta.line_count as number | undefined) ?? 0,
    mergedInto: (meta.merged_into as string | undefined) ?? null,
    exists: true,
    version: (meta.version as number | undefined) ?? 0,
    checkoutClaim:
      typeof meta.checkout_order_id === 'string'
        ? { orderId: meta.checkout_order_id, version: (meta.checkout_version as number | undefined) ?? 0 }
        : null,
  };
}

/** Every change of a line raises the cart's version in the same transaction. */
export function metaChange(
  tableName: string,
  cartId: string,
  now: string,
  expiresAt: number | undefined,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: key.meta(cartId),
      UpdateExpression: `SET updated_at = :now${expiresAt ? ', expires_at = :exp' : ''} ADD version :one`,
      ExpressionAttributeValues: { ':now': now, ':one': 1, ...(expiresAt ? { ':exp': expiresAt } : {}) },
    },
  };
}

/** The user's line writes a merge plan needs, each conditional on the line read, and the new line count. */
export function mergeLineWrites(
  tableName: string,
  userId: string,
  user: Cart,
  targets: MergeTarget[],
  now: string,
): { writes: TransactItem[]; lineCount: number } {
  const existing = new Map(user.lines.map((line) => [line.productId, line]));
  const writes: TransactItem[] = [];
  let lineCount = user.lineCount;
  for (const target of targets) {
    const current = existing.get(target.productId);
    if (current) {
      if (current.quantity === target.quantity) continue;
      writes.push({
        Update: {
          TableName: tableName,
          Key: key.line(userId, target.productId),
          UpdateExpression: 'SET quantity = :q, updated_at = :now',
          ConditionExpression: 'quantity = :read',
          ExpressionAttributeValues: { ':q': target.quantity, ':now': now, ':read': current.quantity },
        },
      });
    } else {
      lineCount++;
      writes.push({
        Put: {
          TableName: tableName,
          Item: {
            ...key.line(userId, target.productId),
            type: 'CART_ITEM',
            item_id: itemIdOf(target.productId),
            product_id: target.productId,
            quantity: target.quantity,
            price_when_added_cents: target.priceWhenAddedCents,
            added_at: target.addedAt,
            updated_at: now,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
  }
  return { writes, lineCount };
}

/**
 * The line changes that take a paid order's quantities out of a cart, each conditional on the
 * quantity read, and the release of the order's claim with them.
 */
export function orderedRemovalWrites(
  tableName: string,
  cart: Cart,
  orderId: string,
  ordered: Array<{ productId: string; quantity: number }>,
  now: string,
): TransactItem[] {
  const cartId = cart.cartId;
  const lines = new Map(cart.lines.map((line) => [line.productId, line]));
  const writes: TransactItem[] = [];
  let removed = 0;
  for (const item of ordered) {
    const line = lines.get(item.productId);
    if (!line) continue;
    if (line.quantity > item.quantity) {
      writes.push({
        Update: {
          TableName: tableName,
          Key: key.line(cartId, item.productId),
          UpdateExpression: 'SET quantity = :q, updated_at = :now',
          ConditionExpression: 'quantity = :read',
          ExpressionAttributeValues: {
            ':q': line.quantity - item.quantity,
            ':read': line.quantity,
            ':now': now,
          },
        },
      });
    } else {
      removed++;
      writes.push({
        Delete: {
          TableName: tableName,
          Key: key.line(cartId, item.productId),
          ConditionExpression: 'quantity = :read',
          ExpressionAttributeValues: { ':read': line.quantity },
        },
      });
    }
  }
  const releases = cart.checkoutClaim?.orderId === orderId;
  if (writes.length > 0 || releases) {
    // The paid order's claim goes with its lines: the cart is free for the next checkout.
    writes.push({
      Update: {
        TableName: tableName,
        Key: key.meta(cartId),
        UpdateExpression: `SET updated_at = :now ADD line_count :minus, version :one${
          releases ? ' REMOVE checkout_order_id, checkout_version, checkout_claimed_at' : ''
        }`,
        ConditionExpression: releases ? 'checkout_order_id = :order' : undefined,
        ExpressionAttributeValues: {
          ':now': now,
          ':minus': -removed,
          ':one': 1,
          ...(releases ? { ':order': orderId } : {}),
        },
      },
    });
  }
  return writes;
}
