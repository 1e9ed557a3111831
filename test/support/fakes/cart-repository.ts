import { CartItemNotFoundError, CartLimitError } from '../../../functions/cart/errors';
import type { Cart, CartLine, CartStore, CheckoutClaim } from '../../../functions/cart/store';

interface StoredCart {
  lineCount: number;
  mergedInto: string | null;
  expiresAt?: number;
  version: number;
  claim: CheckoutClaim | null;
  lines: Map<string, CartLine>;
  paidOrders: Set<string>;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The carts repository in memory, for unit tests of the cart domain. The contract suite
 * (test/support/contracts/cart-repository.contract.ts) holds it to the DynamoDB adapter.
 * `claim` stands for checkout's claim, which on DynamoDB rides in the orders' transaction.
 */
export function fakeCartRepository(): CartStore & {
  claim(cartId: string, version: number, orderId: string): void;
} {
  const carts = new Map<string, StoredCart>();
  const stored = (cartId: string): StoredCart => {
    let cart = carts.get(cartId);
    if (!cart) {
      cart = {
        lineCount: 0,
        mergedInto: null,
        version: 0,
        claim: null,
        lines: new Map(),
        paidOrders: new Set(),
      };
      carts.set(cartId, cart);
    }
    return cart;
  };
  const changed = (cart: StoredCart, expiresAt?: number) => {
    cart.version++;
    if (expiresAt) cart.expiresAt = expiresAt;
  };

  const repository = {
    async get(cartId: string, nowSeconds: number): Promise<Cart> {
      const cart = carts.get(cartId);
      if (!cart || (cart.expiresAt !== undefined && cart.expiresAt <= nowSeconds)) {
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
        lines: [...cart.lines.values()].map(copy),
        lineCount: cart.lineCount,
        mergedInto: cart.mergedInto,
        exists: true,
        version: cart.version,
        checkoutClaim: cart.claim ? { ...cart.claim } : null,
      };
    },

    async increment(
      cartId: string,
      productId: string,
      quantity: number,
      maxQuantity: number,
      now: string,
      expiresAt: number | undefined,
    ) {
      const cart = carts.get(cartId);
      const line = cart?.lines.get(productId);
      if (!cart || !line) return { outcome: 'missing' as const };
      if (line.quantity > maxQuantity - quantity) return { outcome: 'over' as const, current: line.quantity };
      line.quantity += quantity;
      line.updatedAt = now;
      changed(cart, expiresAt);
      return { outcome: 'added' as const, line: copy(line) };
    },

    async addLine(
      cartId: string,
      line: CartLine,
      maxLines: number,
      now: string,
      expiresAt: number | undefined,
    ) {
      const cart = stored(cartId);
      if (cart.lines.has(line.productId)) return 'exists' as const;
      if (cart.lineCount >= maxLines || cart.mergedInto) {
        throw new CartLimitError(
          'items',
          `a cart holds at most ${maxLines} different products`,
          'CART_LINE_LIMIT',
        );
      }
      cart.lines.set(line.productId, copy(line));
      cart.lineCount++;
      changed(cart, expiresAt);
      void now;
      return 'added' as const;
    },

    async setQuantity(
      cartId: string,
      productId: string,
      quantity: number,
      now: string,
      expiresAt: number | undefined,
    ) {
      const cart = carts.get(cartId);
      const line = cart?.lines.get(productId);
      if (!cart || !line) throw new CartItemNotFoundError();
      line.quantity = quantity;
      line.updatedAt = now;
      changed(cart, expiresAt);
      return copy(line);
    },

    async removeLine(cartId: string, productId: string) {
      const cart = carts.get(cartId);
      if (!cart?.lines.delete(productId)) throw new CartItemNotFoundError();
      cart.lineCount--;
      changed(cart);
    },

    async merge(
      anonymousId: string,
      userId: string,
      plan: Parameters<CartStore['merge']>[2],
      now: string,
    ): Promise<boolean> {
      const nowSeconds = Math.floor(Date.parse(now) / 1000);
      const anonymous = await repository.get(anonymousId, nowSeconds);
      if (!anonymous.exists || anonymous.mergedInto) return false;
      const targets = plan(anonymous, await repository.get(userId, nowSeconds));
      const user = stored(userId);
      for (const target of targets) {
        const existing = user.lines.get(target.productId);
        if (existing) existing.quantity = target.quantity;
        else {
          user.lines.set(target.productId, {
            itemId: `ci_${target.productId.replace(/^prod_/, '')}`,
            productId: target.productId,
            quantity: target.quantity,
            priceWhenAddedCents: target.priceWhenAddedCents,
            addedAt: target.addedAt,
            updatedAt: now,
          });
        }
      }
      user.lineCount = user.lines.size;
      changed(user);
      carts.get(anonymousId)!.mergedInto = userId;
      return true;
    },

    async removeOrdered(
      cartId: string,
      orderId: string,
      ordered: Array<{ productId: string; quantity: number }>,
    ): Promise<boolean> {
      const cart = stored(cartId);
      if (cart.paidOrders.has(orderId)) return false;
      cart.paidOrders.add(orderId);
      let touched = false;
      for (const item of ordered) {
        const line = cart.lines.get(item.productId);
        if (!line) continue;
        touched = true;
        if (line.quantity > item.quantity) line.quantity -= item.quantity;
        else {
          cart.lines.delete(item.productId);
          cart.lineCount--;
        }
      }
      if (cart.claim?.orderId === orderId) {
        cart.claim = null;
        touched = true;
      }
      if (touched) changed(cart);
      return true;
    },

    async releaseCheckoutClaim(cartId: string, orderId: string): Promise<boolean> {
      const cart = carts.get(cartId);
      if (cart?.claim?.orderId !== orderId) return false;
      cart.claim = null;
      return true;
    },

    claim(cartId: string, version: number, orderId: string) {
      const cart = carts.get(cartId);
      if (!cart || cart.claim || cart.version !== version) throw new Error('claim refused');
      cart.claim = { orderId, version };
    },
  };
  return repository;
}
