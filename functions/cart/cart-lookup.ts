import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../../shared/config';
import { checkoutClaimUpdate } from './cart-items';
import { cartDeps } from './deps';
import type { CheckoutClaim } from './store';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What checkout converts: the user's lines, the cart version they belong to, and any checkout's claim on it. */
export interface CheckoutCart {
  lines: Array<{ productId: string; quantity: number }>;
  version: number;
  claim: CheckoutClaim | null;
}

/** The cart service's exported read for checkout. */
export async function cartForCheckout(userId: string): Promise<CheckoutCart> {
  const deps = cartDeps();
  const cart = await deps.carts.get(userId, Math.floor(deps.now().getTime() / 1000));
  return {
    lines: cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    version: cart.version,
    claim: cart.checkoutClaim,
  };
}

/**
 * The cart service's exported transaction item: checkout's claim on the cart version it read,
 * written in the same transaction as the order (see `checkoutClaimUpdate`).
 */
export function cartClaimItem(claim: {
  userId: string;
  version: number;
  orderId: string;
  at: string;
}): TransactItem {
  return checkoutClaimUpdate(requireEnv('CARTS_TABLE_NAME'), {
    cartId: claim.userId,
    version: claim.version,
    orderId: claim.orderId,
    at: claim.at,
  });
}

/** Frees the user's cart from a failed (or cancelled) order's claim; a claim by another order stays. */
export async function releaseCartClaim(userId: string, orderId: string): Promise<void> {
  await cartDeps().carts.releaseCheckoutClaim(userId, orderId);
}
