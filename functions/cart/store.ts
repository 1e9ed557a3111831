/**
 * What the cart domain needs from storage, and the shapes it speaks in. The DynamoDB adapter
 * (repository.ts) is the one implementation; the domain (service.ts) sees only this.
 */
export interface CartLine {
  itemId: string;
  productId: string;
  quantity: number;
  priceWhenAddedCents: number;
  addedAt: string;
  updatedAt: string;
}

export interface Cart {
  cartId: string;
  lines: CartLine[];
  lineCount: number;
  mergedInto: string | null;
  exists: boolean;
  /** Raised by every change of the cart's lines, so checkout can claim exactly the cart it read. */
  version: number;
  /** The order a checkout converted this cart into, and the cart version it converted. */
  checkoutClaim: CheckoutClaim | null;
}

export interface CheckoutClaim {
  orderId: string;
  version: number;
}

/** A cart line's id is derived from its product, so a cart holds one line per product. */
export const itemIdOf = (productId: string) => `ci_${productId.replace(/^prod_/, '')}`;
export const productIdOf = (itemId: string) => `prod_${itemId.replace(/^ci_/, '')}`;

/** A line of the user's cart as a merge leaves it. */
export interface MergeTarget {
  productId: string;
  quantity: number;
  priceWhenAddedCents: number;
  addedAt: string;
}

export type IncrementOutcome =
  | { outcome: 'added'; line: CartLine }
  | { outcome: 'missing' }
  | { outcome: 'over'; current: number };

/**
 * A cart's lines and its checkout claim. Anonymous carts expire (`expiresAt`, epoch seconds);
 * an expired cart reads as gone. Every change of the lines raises the cart's version.
 */
export interface CartStore {
  get(cartId: string, nowSeconds: number): Promise<Cart>;
  /** Adds to an existing line within `maxQuantity`; says when the line is missing or the sum too much. */
  increment(
    cartId: string,
    productId: string,
    quantity: number,
    maxQuantity: number,
    now: string,
    expiresAt: number | undefined,
  ): Promise<IncrementOutcome>;
  /** A new line, within `maxLines` even under concurrency; 'exists' when the product has one. */
  addLine(
    cartId: string,
    line: CartLine,
    maxLines: number,
    now: string,
    expiresAt: number | undefined,
  ): Promise<'added' | 'exists'>;
  setQuantity(
    cartId: string,
    productId: string,
    quantity: number,
    now: string,
    expiresAt: number | undefined,
  ): Promise<CartLine>;
  removeLine(cartId: string, productId: string, now: string): Promise<void>;
  /** Folds an anonymous cart into a user's, exactly once; false when another request merged it first. */
  merge(
    anonymousId: string,
    userId: string,
    plan: (anonymous: Cart, user: Cart) => MergeTarget[],
    now: string,
  ): Promise<boolean>;
  /** Takes a paid order's quantities out of the cart, once per order; false the second time. */
  removeOrdered(
    cartId: string,
    orderId: string,
    ordered: Array<{ productId: string; quantity: number }>,
    now: string,
  ): Promise<boolean>;
  /** Frees the cart from a failed order's claim; false if that order holds no claim. */
  releaseCheckoutClaim(cartId: string, orderId: string): Promise<boolean>;
}
