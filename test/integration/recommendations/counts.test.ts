import { recommendationRepository } from '../../../functions/recommendations/repository';
import { countOrder, type RecommendationsDeps } from '../../../functions/recommendations/service';
import { scope } from '../../../functions/recommendations/store';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';

const deps: RecommendationsDeps = {
  recommendations: recommendationRepository(testDocumentClient(), tableName('RECOMMENDATIONS_TABLE_NAME')),
  lookupProducts: async (ids) =>
    new Map(
      ids.map((productId) => [
        productId,
        {
          productId,
          sellerId: 'usr_S',
          title: productId,
          category: 'books',
          priceCents: 100,
          price: 1,
          compareAtPriceCents: null,
          currency: 'USD',
          imageUrl: null,
          avgRating: 0,
          reviewCount: 0,
          status: 'active' as const,
          listed: true,
        },
      ]),
    ),
  purchasedBy: async () => new Set(),
  now: () => new Date(),
  viewTtlSeconds: 3600,
};

describe('co-purchase counts against DynamoDB Local', () => {
  it('counts an order once however often its event is delivered, also concurrently', async () => {
    const [a, b, c] = [newId('prod'), newId('prod'), newId('prod')];
    const orderId = newId('ord');
    const lines = [
      { product_id: a, quantity: 1 },
      { product_id: b, quantity: 2 },
      { product_id: c, quantity: 1 },
    ];
    await Promise.all([1, 2, 3].map(() => countOrder(orderId, lines, deps)));
    await countOrder(
      newId('ord'),
      [
        { product_id: a, quantity: 1 },
        { product_id: b, quantity: 1 },
      ],
      deps,
    );
    const withA = await deps.recommendations.top(scope.boughtWith(a), 10);
    expect(withA).toEqual([
      { productId: b, score: 2 },
      { productId: c, score: 1 },
    ]);
    expect(
      (await deps.recommendations.top(scope.bestSellers('books'), 100)).find((entry) => entry.productId === b)
        ?.score,
    ).toBe(3);
  }, 30_000);

  it('splits a large order into chunks that each count once', async () => {
    const products = Array.from({ length: 12 }, () => newId('prod'));
    const orderId = newId('ord');
    const lines = products.map((product_id) => ({ product_id, quantity: 1 }));
    const first = await countOrder(orderId, lines, deps);
    const again = await countOrder(orderId, lines, deps);
    // Pairs both ways, plus overall and category best sellers (books is a department: one scope).
    expect(first).toBe(12 * 11 + 12 * 2);
    expect(again).toBe(0);
    expect(await deps.recommendations.top(scope.boughtWith(products[0]!), 20)).toHaveLength(11);
  }, 30_000);
});
