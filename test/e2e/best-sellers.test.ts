import {
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  eventually,
  localControl,
  newBuyer,
  settledOrder,
  signUpSeller,
} from '../support/api';
import { deliveryTo, settledEvents } from '../support/bus';

const RULE = 'RecommendationsOnOrderPaid';

async function paidOrder(buyer: Buyer, productId: string, quantity: number): Promise<string> {
  await addToCart(buyer, productId, quantity);
  const placed = await checkout(buyer);
  expect((await settledOrder(buyer, placed.body.order_id)).status).toBe('paid');
  return placed.body.order_id;
}

/** The order's OrderPaid, once the best-seller counting has had it. */
async function countedOrderPaid(orderId: string) {
  const [event] = await settledEvents(
    (candidate) => (candidate.detail as { order_id?: string }).order_id === orderId,
    { detailType: 'OrderPaid' },
    { atLeast: 1 },
  );
  expect(deliveryTo(event!, RULE)).toBe('delivered');
  return event!;
}

describe('best sellers', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let fewer: string;
  let more: string;
  let firstOrder: string;
  // Other journeys sell puzzles too: only these two products' order is asserted.
  const ranking = async (query: string) => {
    const response = await api('GET', `/api/v1/products/best-sellers?${query}`);
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ product_id: string }>)
      .map((item) => item.product_id)
      .filter((id) => id === fewer || id === more);
  };

  beforeAll(async () => {
    seller = await signUpSeller('best-seller');
    fewer = (await createProduct(seller.token, { title: 'Two-sold Puzzle', price: 10, category: 'puzzles' }))
      .product_id;
    more = (await createProduct(seller.token, { title: 'Three-sold Puzzle', price: 12, category: 'puzzles' }))
      .product_id;
    firstOrder = await paidOrder(await newBuyer('best-a'), fewer, 2);
    const secondOrder = await paidOrder(await newBuyer('best-b'), more, 3);
    await countedOrderPaid(firstOrder);
    await countedOrderPaid(secondOrder);
  }, 60_000);

  it('ranks a category’s and its department’s products by units sold, as a cacheable public answer', async () => {
    expect(await ranking('category=puzzles&limit=50')).toEqual([more, fewer]);
    expect(await ranking('category=toys&limit=50')).toEqual([more, fewer]);

    const response = await api('GET', '/api/v1/products/best-sellers?category=puzzles&limit=50');
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=30, s-maxage=60, stale-while-revalidate=60',
    );
    expect(response.body).toMatchObject({ category: 'puzzles' });
    expect(response.body.items[0]).toMatchObject({ rank: 1 });
    expect(
      response.body.items.find((item: { product_id: string }) => item.product_id === more),
    ).toMatchObject({
      title: 'Three-sold Puzzle',
      price: 12,
      price_cents: 1200,
      compare_at_price: null,
      category: 'puzzles',
    });
  });

  it('does not count an OrderPaid delivered again', async () => {
    const event = await countedOrderPaid(firstOrder);
    const { deliveries: _, ...asDelivered } = event;

    for (let i = 0; i < 2; i++) {
      const again = await localControl('/_local/invoke', {
        handler: 'functions/recommendations/handlers/on-order-paid.handler',
        event: asDelivered,
      });
      expect(again.result).toBe(0);
    }

    // Counted again, the two-sold puzzle (2 + 2 + 2) would outsell the three-sold one.
    expect(await ranking('category=puzzles&limit=50')).toEqual([more, fewer]);
  });

  it('shows only active products: a draft and a deleted product leave the list', async () => {
    await api('PUT', `/api/v1/seller/products/${more}`, { token: seller.token, body: { status: 'draft' } });
    await eventually(
      async () => ((await ranking('category=puzzles&limit=50')).includes(more) ? undefined : true),
      5000,
    );
    expect(await ranking('category=puzzles&limit=50')).toEqual([fewer]);

    await api('DELETE', `/api/v1/seller/products/${fewer}`, { token: seller.token });
    expect(await ranking('category=puzzles&limit=50')).toEqual([]);
  });

  it.each([
    ['category=spaceships', 'category'],
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['sort=units', 'sort'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const response = await api('GET', `/api/v1/products/best-sellers?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
