import { CartItemNotFoundError, CartLimitError } from '../../../functions/cart/errors';
import { type CartLine, type CartStore, itemIdOf } from '../../../functions/cart/store';
import { newId } from '../../../shared/ids';

export interface CartRepositoryUnderTest {
  carts: CartStore;
  /** Checkout's claim on a cart version, as the orders' transaction writes it. */
  claim(cartId: string, version: number, orderId: string): Promise<void>;
}

const now = () => new Date().toISOString();
const nowSeconds = () => Math.floor(Date.now() / 1000);

export function cartLine(productId: string, quantity: number): CartLine {
  return {
    itemId: itemIdOf(productId),
    productId,
    quantity,
    priceWhenAddedCents: 1000,
    addedAt: now(),
    updatedAt: now(),
  };
}

/**
 * What the cart domain relies on from its repository. Runs against the in-memory fake (unit)
 * and the DynamoDB adapter (integration), so a fake that drifts from the adapter fails here.
 */
export function cartRepositoryContract(make: () => CartRepositoryUnderTest): void {
  let subject: CartRepositoryUnderTest;
  beforeEach(() => {
    subject = make();
  });

  it('adds a line once per product, within the line limit', async () => {
    const cartId = newId('usr');
    const productId = newId('prod');

    expect(await subject.carts.addLine(cartId, cartLine(productId, 2), 2, now(), undefined)).toBe('added');
    expect(await subject.carts.addLine(cartId, cartLine(productId, 1), 2, now(), undefined)).toBe('exists');
    await subject.carts.addLine(cartId, cartLine(newId('prod'), 1), 2, now(), undefined);
    const over = await subject.carts
      .addLine(cartId, cartLine(newId('prod'), 1), 2, now(), undefined)
      .catch((e) => e);

    expect(over).toBeInstanceOf(CartLimitError);
    const cart = await subject.carts.get(cartId, nowSeconds());
    expect(cart).toMatchObject({ exists: true, lineCount: 2, version: 2, checkoutClaim: null });
    expect(cart.lines.find((line) => line.productId === productId)?.quantity).toBe(2);
  });

  it('adds to an existing line up to the per-product limit, and says when the line is missing', async () => {
    const cartId = newId('usr');
    const productId = newId('prod');
    expect(await subject.carts.increment(cartId, productId, 1, 5, now(), undefined)).toEqual({
      outcome: 'missing',
    });
    await subject.carts.addLine(cartId, cartLine(productId, 2), 50, now(), undefined);

    const added = await subject.carts.increment(cartId, productId, 3, 5, now(), undefined);
    const over = await subject.carts.increment(cartId, productId, 1, 5, now(), undefined);

    expect(added).toEqual({ outcome: 'added', line: expect.objectContaining({ productId, quantity: 5 }) });
    expect(over).toEqual({ outcome: 'over', current: 5 });
    expect((await subject.carts.get(cartId, nowSeconds())).version).toBe(2);
  });

  it('sets and removes lines, raising the version each time; a missing line is CartItemNotFoundError', async () => {
    const cartId = newId('usr');
    const productId = newId('prod');
    await subject.carts.addLine(cartId, cartLine(productId, 1), 50, now(), undefined);

    expect(await subject.carts.setQuantity(cartId, productId, 4, now(), undefined)).toMatchObject({
      quantity: 4,
    });
    await subject.carts.removeLine(cartId, productId, now());

    await expect(subject.carts.setQuantity(cartId, productId, 1, now(), undefined)).rejects.toBeInstanceOf(
      CartItemNotFoundError,
    );
    await expect(subject.carts.removeLine(cartId, productId, now())).rejects.toBeInstanceOf(
      CartItemNotFoundError,
    );
    expect(await subject.carts.get(cartId, nowSeconds())).toMatchObject({
      lines: [],
      lineCount: 0,
      version: 3,
    });
  });

  it('reads an anonymous cart past its expiry as empty', async () => {
    const cartId = `anon_${crypto.randomUUID()}`;
    await subject.carts.addLine(cartId, cartLine(newId('prod'), 1), 50, now(), nowSeconds() + 60);
    expect((await subject.carts.get(cartId, nowSeconds())).exists).toBe(true);
    expect(await subject.carts.get(cartId, nowSeconds() + 61)).toMatchObject({ exists: false, lines: [] });
  });

  it('merges an anonymous cart once, as the plan says', async () => {
    const anonymousId = `anon_${crypto.randomUUID()}`;
    const userId = newId('usr');
    const productId = newId('prod');
    await subject.carts.addLine(anonymousId, cartLine(productId, 2), 50, now(), nowSeconds() + 3600);
    const plan = () => [{ productId, quantity: 3, priceWhenAddedCents: 1000, addedAt: now() }];

    expect(await subject.carts.merge(anonymousId, userId, plan, now())).toBe(true);
    expect(await subject.carts.merge(anonymousId, userId, plan, now())).toBe(false);

    expect((await subject.carts.get(userId, nowSeconds())).lines).toEqual([
      expect.objectContaining({ productId, quantity: 3 }),
    ]);
    expect((await subject.carts.get(anonymousId, nowSeconds())).mergedInto).toBe(userId);
  });

  it('takes a paid order out of the cart once, with its claim and no other order’s', async () => {
    const cartId = newId('usr');
    const kept = newId('prod');
    const bought = newId('prod');
    await subject.carts.addLine(cartId, cartLine(kept, 1), 50, now(), undefined);
    await subject.carts.addLine(cartId, cartLine(bought, 3), 50, now(), undefined);
    const orderId = newId('ord');
    await subject.claim(cartId, 2, orderId);

    expect(await subject.carts.releaseCheckoutClaim(cartId, newId('ord'))).toBe(false);
    expect(
      await subject.carts.removeOrdered(cartId, orderId, [{ productId: bought, quantity: 2 }], now()),
    ).toBe(true);
    expect(
      await subject.carts.removeOrdered(cartId, orderId, [{ productId: bought, quantity: 2 }], now()),
    ).toBe(false);

    const cart = await subject.carts.get(cartId, nowSeconds());
    expect(cart.checkoutClaim).toBeNull();
    expect(cart.lines.map((line) => [line.productId, line.quantity]).sort()).toEqual(
      [
        [kept, 1],
        [bought, 1],
      ].sort(),
    );
  });
}
