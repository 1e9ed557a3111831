import type { ProductSummary } from '../../../functions/catalog/product-lookup';
import { bestSellers } from '../../../functions/recommendations/service';
import { type RecommendationStore, scope } from '../../../functions/recommendations/store';

/** Ranked counts per scope, as the ByScore index answers them: highest first. */
function rankedStore(scores: Record<string, Array<[productId: string, units: number]>>) {
  const asked: Array<{ scope: string; limit: number }> = [];
  const store = {
    async top(scopeKey: string, limit: number) {
      asked.push({ scope: scopeKey, limit });
      return [...(scores[scopeKey] ?? [])]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([productId, score]) => ({ productId, score }));
    },
  } as unknown as RecommendationStore;
  return { store, asked };
}

function product(productId: string, overrides: Partial<ProductSummary> = {}): ProductSummary {
  return {
    productId,
    sellerId: 'usr_S',
    title: `Product ${productId}`,
    category: 'puzzles',
    priceCents: 1500,
    price: 15,
    compareAtPriceCents: null,
    currency: 'USD',
    imageUrl: null,
    avgRating: 4.5,
    reviewCount: 12,
    status: 'active',
    listed: true,
    ...overrides,
  };
}

function lookup(...products: ProductSummary[]) {
  const byId = new Map(products.map((each) => [each.productId, each]));
  return async (ids: string[]) =>
    new Map(ids.filter((id) => byId.has(id)).map((id) => [id, byId.get(id)!] as const));
}

describe('best sellers', () => {
  it('ranks the whole shop by units sold, numbered from 1, up to the limit', async () => {
    const { store, asked } = rankedStore({
      [scope.allBestSellers()]: [
        ['prod_a', 3],
        ['prod_b', 9],
        ['prod_c', 5],
      ],
    });
    const deps = {
      recommendations: store,
      lookupProducts: lookup(product('prod_a'), product('prod_b'), product('prod_c')),
    };

    const items = await bestSellers({ limit: 2 }, deps);

    expect(items.map((item) => [item.rank, item.product_id])).toEqual([
      [1, 'prod_b'],
      [2, 'prod_c'],
    ]);
    expect(asked).toEqual([{ scope: 'BEST#ALL', limit: 16 }]);
    expect(items[0]).toMatchObject({ price: 15, price_cents: 1500, rating: 4.5, review_count: 12 });
  });

  it('shows only active products, and still fills the list past the ones left out', async () => {
    const { store } = rankedStore({
      [scope.allBestSellers()]: [
        ['prod_draft', 50],
        ['prod_deleted', 40],
        ['prod_sold_out', 30],
        ['prod_gone', 20],
        ['prod_a', 2],
        ['prod_b', 1],
      ],
    });
    const deps = {
      recommendations: store,
      lookupProducts: lookup(
        product('prod_draft', { status: 'draft', listed: false }),
        product('prod_deleted', { status: 'deleted', listed: false }),
        product('prod_sold_out', { status: 'out_of_stock' }),
        product('prod_a'),
        product('prod_b'),
      ),
    };

    const items = await bestSellers({ limit: 2 }, deps);

    expect(items.map((item) => item.product_id)).toEqual(['prod_a', 'prod_b']);
    expect(items.map((item) => item.rank)).toEqual([1, 2]);
  });

  it('reads a category’s own ranking and leaves out products filed elsewhere since they sold', async () => {
    const { store, asked } = rankedStore({
      [scope.bestSellers('toys')]: [
        ['prod_moved', 9],
        ['prod_puzzle', 4],
        ['prod_lego', 3],
      ],
    });
    const deps = {
      recommendations: store,
      lookupProducts: lookup(
        product('prod_moved', { category: 'fiction' }),
        product('prod_puzzle', { category: 'puzzles' }),
        product('prod_lego', { category: 'building-sets' }),
      ),
    };

    const items = await bestSellers({ category: 'toys', limit: 10 }, deps);

    expect(asked[0]!.scope).toBe('BEST#toys');
    expect(items.map((item) => item.product_id)).toEqual(['prod_puzzle', 'prod_lego']);
  });

  it('shows the compare-at price only when it is above the price', async () => {
    const { store } = rankedStore({
      [scope.allBestSellers()]: [
        ['prod_sale', 2],
        ['prod_full', 1],
      ],
    });
    const deps = {
      recommendations: store,
      lookupProducts: lookup(
        product('prod_sale', { compareAtPriceCents: 2000 }),
        product('prod_full', { compareAtPriceCents: 1500 }),
      ),
    };

    const [sale, full] = await bestSellers({ limit: 2 }, deps);

    expect(sale).toMatchObject({ compare_at_price: 20, compare_at_price_cents: 2000 });
    expect(full).toMatchObject({ compare_at_price: null, compare_at_price_cents: null });
  });
});
