import { randomUUID } from 'node:crypto';
import { CartLimitError } from '../../../functions/cart/errors';
import { cartEventsOf } from '../../../functions/cart/events';
import { cartRepository } from '../../../functions/cart/repository';
import { itemIdOf } from '../../../functions/cart/store';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { relayedEvents } from '../../support/relayed-events';

const carts = cartRepository(testDocumentClient(), tableName('CARTS_TABLE_NAME'));
const now = () => new Date().toISOString();
const nowSeconds = () => Math.floor(Date.now() / 1000);

function line(productId: string, quantity: number) {
  return {
    itemId: itemIdOf(productId),
    productId,
    quantity,
    priceWhenAddedCents: 1000,
    addedAt: now(),
    updatedAt: now(),
  };
}

describe('cart repository against DynamoDB Local', () => {
  it('never lets a cart exceed 50 lines when 60 different products are added at once', async () => {
    const cartId = newId('usr');
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, () => carts.addLine(cartId, line(newId('prod'), 1), 50, now(), undefined)),
    );
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    const cart = await carts.get(cartId, nowSeconds());
    expect(cart.lines.length).toBe(cart.lineCount);
    expect(cart.lines.length).toBeLessThanOrEqual(50);
    expect(cart.lines.length).toBe(60 - rejected.length);
    expect(rejected.some((r) => r.reason instanceof CartLimitError)).toBe(true);
  });

  it('merges an anonymous cart exactly once when five merges race', async () => {
    const anonymousId = `anon_${randomUUID()}`;
    const userId = newId('usr');
    const productId = newId('prod');
    await carts.addLine(anonymousId, line(productId, 2), 50, now(), nowSeconds() + 3600);
    await carts.addLine(userId, line(productId, 1), 50, now(), undefined);
    const plan = (
      anonymous: Awaited<ReturnType<typeof carts.get>>,
      user: Awaited<ReturnType<typeof carts.get>>,
    ) =>
      anonymous.lines.map((anonLine) => ({
        productId: anonLine.productId,
        quantity:
          anonLine.quantity + (user.lines.find((l) => l.productId === anonLine.productId)?.quantity ?? 0),
        priceWhenAddedCents: anonLine.priceWhenAddedCents,
        addedAt: anonLine.addedAt,
      }));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => carts.merge(anonymousId, userId, plan, now())),
    );
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
    const user = await carts.get(userId, nowSeconds());
    expect(user.lines).toEqual([expect.objectContaining({ productId, quantity: 3 })]);
    expect((await carts.get(anonymousId, nowSeconds())).mergedInto).toBe(userId);
  });

  it('removes a paid order’s quantities once, however often the event comes', async () => {
    const cartId = newId('usr');
    const kept = newId('prod');
    const bought = newId('prod');
    await carts.addLine(cartId, line(kept, 5), 50, now(), undefined);
    await carts.addLine(cartId, line(bought, 2), 50, now(), undefined);
    const orderId = newId('ord');
    const ordered = [
      { productId: kept, quantity: 2 },
      { productId: bought, quantity: 2 },
    ];
    const results = await Promise.all(
      [1, 2, 3].map(() => carts.removeOrdered(cartId, orderId, ordered, now())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const cart = await carts.get(cartId, nowSeconds());
    expect(cart.lines).toEqual([expect.objectContaining({ productId: kept, quantity: 3 })]);
    expect(cart.lineCount).toBe(1);
  });

  it('announces each add (CartItemAdded) from the line’s stream image, and not a quantity set', async () => {
    const userId = newId('usr');
    const productId = newId('prod');
    await carts.addLine(userId, line(productId, 1), 50, now(), undefined);
    await carts.increment(userId, productId, 2, 10, now(), undefined);
    await carts.setQuantity(userId, productId, 7, now(), undefined);
    const events = (await relayedEvents('carts', cartEventsOf)).filter(
      (event) => event.detail.product_id === productId,
    );
    expect(
      events.map((event) => [event.detail.user_id, event.detail.quantity, event.detail.version]),
    ).toEqual([
      [userId, 1, 1],
      [userId, 2, 2],
    ]);
    expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(2);
  });

  it('treats an expired anonymous cart as gone', async () => {
    const anonymousId = `anon_${randomUUID()}`;
    await carts.addLine(anonymousId, line(newId('prod'), 1), 50, now(), nowSeconds() - 1);
    expect((await carts.get(anonymousId, nowSeconds())).exists).toBe(false);
  });
});
