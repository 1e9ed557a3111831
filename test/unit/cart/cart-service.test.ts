import {
  addItem,
  type CartDeps,
  getCart,
  removeItem,
  removeOrderedItems,
  resolveCart,
  updateItem,
} from '../../../functions/cart/service';
import { itemIdOf } from '../../../functions/cart/store';
import type { ProductSummary } from '../../../functions/catalog/product-lookup';
import { newId } from '../../../shared/ids';
import { fakeCartRepository } from '../../support/fakes/cart-repository';

function product(productId: string, status: ProductSummary['status'] = 'active'): ProductSummary {
  return {
    productId,
    sellerId: 'usr_SELLER',
    title: `Product ${productId}`,
    category: 'books',
    priceCents: 1250,
    price: 12.5,
    compareAtPriceCents: null,
    currency: 'USD',
    imageUrl: null,
    avgRating: 0,
    reviewCount: 0,
    status,
    listed: status === 'active' || status === 'out_of_stock',
  };
}

function cartFixture(stock: Record<string, number>, statuses: Record<string, ProductSummary['status']> = {}) {
  const carts = fakeCartRepository();
  const deps: CartDeps = {
    carts,
    lookupProducts: async (ids) =>
      new Map(ids.filter((id) => id in stock).map((id) => [id, product(id, statuses[id])])),
    availability: async (ids) =>
      new Map(ids.map((id) => [id, { available: stock[id] ?? 0, stockStatus: 'in_stock' as const }])),
    now: () => new Date(),
    maxLines: 3,
    maxQuantityPerProduct: 5,
    anonymousTtlSeconds: 3600,
  };
  return { carts, deps };
}

const signedIn = (userId: string) => ({ cartId: userId, anonymous: false, cookies: [] });

describe('cart service', () => {
  // Each add is announced (CartItemAdded) from the line's stream image: test/integration/cart.
  it('adds to the line a product already has', async () => {
    const productId = newId('prod');
    const { deps } = cartFixture({ [productId]: 10 });
    const userId = newId('usr');

    await addItem(signedIn(userId), productId, 2, deps);
    const line = await addItem(signedIn(userId), productId, 1, deps);

    expect(line).toMatchObject({ product_id: productId, quantity: 3 });
    expect((await getCart(userId, deps)).items).toHaveLength(1);
  });

  it('refuses more than the per-product limit (400 on quantity) and more than the stock (409)', async () => {
    const scarce = newId('prod');
    const plenty = newId('prod');
    const { deps } = cartFixture({ [scarce]: 1, [plenty]: 100 });
    const userId = newId('usr');
    await addItem(signedIn(userId), plenty, 4, deps);

    const overLimit = await addItem(signedIn(userId), plenty, 2, deps).catch((e) => e);
    const overStock = await addItem(signedIn(userId), scarce, 2, deps).catch((e) => e);

    expect(overLimit).toMatchObject({ status: 400, code: 'CART_QUANTITY_LIMIT' });
    expect(overLimit.details.fields[0].field).toBe('quantity');
    expect(overStock).toMatchObject({ status: 409 });
    expect((await getCart(userId, deps)).items).toEqual([expect.objectContaining({ quantity: 4 })]);
  });

  it('hides a draft product (404) and refuses a deleted one (409 PRODUCT_UNAVAILABLE)', async () => {
    const draft = newId('prod');
    const deleted = newId('prod');
    const { deps } = cartFixture({ [draft]: 5, [deleted]: 5 }, { [draft]: 'draft', [deleted]: 'deleted' });

    await expect(addItem(signedIn(newId('usr')), draft, 1, deps)).rejects.toMatchObject({ status: 404 });
    await expect(addItem(signedIn(newId('usr')), deleted, 1, deps)).rejects.toMatchObject({
      status: 409,
      code: 'PRODUCT_UNAVAILABLE',
    });
  });

  it('updates and removes a line; a missing one is 404', async () => {
    const productId = newId('prod');
    const { deps } = cartFixture({ [productId]: 10 });
    const userId = newId('usr');
    await addItem(signedIn(userId), productId, 1, deps);

    expect(await updateItem(signedIn(userId), itemIdOf(productId), 4, deps)).toMatchObject({ quantity: 4 });
    await removeItem(signedIn(userId), itemIdOf(productId), deps);

    await expect(updateItem(signedIn(userId), itemIdOf(productId), 1, deps)).rejects.toMatchObject({
      status: 404,
    });
    await expect(removeItem(signedIn(userId), itemIdOf(productId), deps)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('folds an anonymous cart into the user’s once, capped by stock, and clears the cookie', async () => {
    const productId = newId('prod');
    const { deps } = cartFixture({ [productId]: 4 });
    const anonymous = await resolveCart({}, { create: true, secure: true }, deps);
    await addItem({ ...anonymous, cartId: anonymous.cartId! }, productId, 3, deps);
    const userId = newId('usr');
    await addItem(signedIn(userId), productId, 2, deps);

    const first = await resolveCart(
      { userId, cookieCartId: anonymous.cartId },
      { create: false, secure: true },
      deps,
    );
    await resolveCart({ userId, cookieCartId: anonymous.cartId }, { create: false, secure: true }, deps);

    expect(first.cookies).toEqual([expect.stringMatching(/^bazaar_cart=;/)]);
    expect((await getCart(userId, deps)).items).toEqual([expect.objectContaining({ quantity: 4 })]);
  });

  it('takes a paid order’s quantities out of the cart once, leaving what was added since', async () => {
    const productId = newId('prod');
    const { deps } = cartFixture({ [productId]: 10 });
    const userId = newId('usr');
    await addItem(signedIn(userId), productId, 3, deps);
    const orderId = newId('ord');

    expect(await removeOrderedItems(userId, orderId, [{ productId, quantity: 2 }], deps)).toBe(true);
    expect(await removeOrderedItems(userId, orderId, [{ productId, quantity: 2 }], deps)).toBe(false);

    expect((await getCart(userId, deps)).items).toEqual([expect.objectContaining({ quantity: 1 })]);
  });
});
