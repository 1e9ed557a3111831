/**
 * The behaviour every SearchIndex adapter must show. Run against the embedded engine always
 * and against OpenSearch when OPENSEARCH_URL is set, so both are held to the same contract.
 */
import type {
  SearchDocument,
  SearchIndex,
  SearchQuery,
  SearchSort,
} from '../../../functions/search/search-index';

let createdAtCounter = 0;

/** A document with plausible defaults; tests override what they assert on. */
export function searchDocument(overrides: Partial<SearchDocument> & { product_id: string }): SearchDocument {
  createdAtCounter++;
  return {
    seller_id: 'usr_seller1',
    title: 'Untitled product',
    description: 'A product.',
    category: 'decor',
    price_cents: 1_000,
    compare_at_price_cents: null,
    currency: 'USD',
    image_url: null,
    avg_rating: 4,
    review_count: 10,
    stock_status: 'in_stock',
    created_at: new Date(Date.UTC(2025, 0, 1) + createdAtCounter * 3_600_000).toISOString(),
    updated_at: '2025-12-01T00:00:00.000Z',
    version: 1,
    stock_version: 1,
    rating_version: 1,
    ...overrides,
  };
}

/** A small catalog whose every field some test below relies on. */
export const CATALOG: SearchDocument[] = [
  searchDocument({
    product_id: 'prod_01',
    title: 'Sony Wireless Noise Cancelling Headphones',
    description: 'Over-ear headphones with a 30 hour battery.',
    category: 'headphones',
    price_cents: 29_999,
    avg_rating: 4.7,
    review_count: 1_200,
    created_at: '2025-06-01T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_02',
    title: 'Acme Wired Studio Headphones',
    description: 'Flat, honest sound for mixing.',
    category: 'headphones',
    price_cents: 4_999,
    avg_rating: 4.1,
    review_count: 85,
    stock_status: 'low_stock',
    created_at: '2025-03-10T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_03',
    title: 'Nimbus True Wireless Earbuds',
    description: 'Compact earbuds that pair with any phone.',
    category: 'headphones',
    price_cents: 7_999,
    avg_rating: 4.4,
    review_count: 300,
    stock_status: 'out_of_stock',
    created_at: '2025-08-20T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_04',
    title: 'Logitech Wireless Mouse',
    description: 'An ergonomic mouse for everyday work.',
    category: 'accessories',
    price_cents: 2_499,
    avg_rating: 4.6,
    review_count: 5_000,
    created_at: '2025-02-14T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_05',
    title: 'Anker Fast Wireless Charger',
    description: 'Charges phones through most cases.',
    category: 'accessories',
    price_cents: 1_999,
    avg_rating: 3.9,
    review_count: 40,
    created_at: '2025-09-01T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_06',
    title: 'Acme Stainless Steel French Press, 34 oz',
    description: 'Brews rich, full-bodied coffee.',
    category: 'kitchen',
    price_cents: 3_499,
    avg_rating: 4.8,
    review_count: 900,
    created_at: '2025-01-05T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_07',
    title: 'Blue Summit Dark Roast Whole Bean Coffee',
    description: 'Roasted in small batches.',
    category: 'coffee-tea',
    price_cents: 1_499,
    avg_rating: 4.5,
    review_count: 220,
    created_at: '2025-04-22T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_08',
    title: 'Hearth Ceramic Mug',
    description: 'Keeps your morning espresso hot for hours.',
    category: 'kitchen',
    price_cents: 1_200,
    avg_rating: 2.5,
    review_count: 12,
    created_at: '2025-05-30T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_09',
    title: 'Acme Espresso Machine',
    description: 'Pulls rich shots at the touch of a button.',
    category: 'kitchen',
    price_cents: 19_999,
    avg_rating: 4.2,
    review_count: 150,
    created_at: '2025-07-07T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_10',
    title: 'Gaiam Non-Slip Yoga Mat',
    description: 'Grips the floor in every pose.',
    category: 'fitness',
    price_cents: 2_999,
    avg_rating: 4.6,
    review_count: 5_000,
    created_at: '2025-10-10T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_11',
    title: 'Manduka Cork Yoga Block',
    description: 'Pairs with any yoga mat.',
    category: 'fitness',
    price_cents: 1_599,
    avg_rating: 4.3,
    review_count: 10,
    created_at: '2025-10-11T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_12',
    title: 'LEGO City Fire Station Building Set',
    description: 'Builds into a detailed fire station with minifigures.',
    category: 'building-sets',
    price_cents: 8_999,
    avg_rating: 4.9,
    review_count: 2_000,
    created_at: '2025-11-01T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_13',
    title: 'LEGO Classic Brick Box',
    description: 'Bricks in 33 colors.',
    category: 'building-sets',
    price_cents: 3_499,
    avg_rating: 4.8,
    review_count: 1_500,
    created_at: '2025-11-02T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_14',
    title: 'Ravensburger World Map Jigsaw Puzzle',
    description: 'A thousand pieces that fit snugly.',
    category: 'puzzles',
    price_cents: 1_999,
    avg_rating: 0,
    review_count: 0,
    created_at: '2025-12-01T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_15',
    title: 'Nimbus Smart Speaker',
    description: 'Fills the room with clear sound.',
    category: 'electronics',
    price_cents: 4_999,
    avg_rating: 3.2,
    review_count: 60,
    created_at: '2025-12-15T10:00:00.000Z',
  }),
  searchDocument({
    product_id: 'prod_16',
    title: 'Trailhead Running Shoes',
    description: 'Cushions every stride.',
    category: 'shoes',
    price_cents: 8_999,
    avg_rating: 1.5,
    review_count: 4,
    created_at: '2025-01-20T10:00:00.000Z',
  }),
];

const byId = new Map(CATALOG.map((doc) => [doc.product_id, doc]));
const ids = (docs: SearchDocument[]) => docs.map((doc) => doc.product_id);
const query = (overrides: Partial<SearchQuery>): SearchQuery => ({
  sort: 'relevance',
  page: 1,
  page_size: 50,
  ...overrides,
});

/** Every id a query finds, walking all its pages. */
async function walkAllPages(index: SearchIndex, base: SearchQuery): Promise<string[]> {
  const found: string[] = [];
  for (let page = 1; page < 1_000; page++) {
    const result = await index.search({ ...base, page });
    if (result.results.length === 0) break;
    found.push(...ids(result.results));
  }
  return found;
}

export function describeSearchIndexBehaviour(name: string, makeIndex: () => Promise<SearchIndex>): void {
  describe(`${name} — search behaviour`, () => {
    let index: SearchIndex;

    beforeEach(async () => {
      index = await makeIndex();
      await index.upsert(CATALOG);
    });

    describe('relevance', () => {
      it('ranks a title match above a description-only match', async () => {
        const page = await index.search(query({ q: 'espresso' }));

        expect(ids(page.results)).toEqual(['prod_09', 'prod_08']);
        expect(page.total).toBe(2);
      });

      it('finds products despite a typo ("hedphones", "wireles mouse")', async () => {
        const headphones = await index.search(query({ q: 'hedphones' }));
        const mouse = await index.search(query({ q: 'wireles mouse' }));

        expect(ids(headphones.results)).toEqual(expect.arrayContaining(['prod_01', 'prod_02']));
        expect(ids(mouse.results)[0]).toBe('prod_04');
      });

      it('completes the last term as a prefix ("noise cancel")', async () => {
        const page = await index.search(query({ q: 'noise cancel' }));

        expect(ids(page.results)).toEqual(['prod_01']);
      });

      it('requires both terms of a two-term query, across title and description', async () => {
        const headphones = await index.search(query({ q: 'wireless headphones' }));
        const yogaMat = await index.search(query({ q: 'yoga mat' }));

        expect(ids(headphones.results)).toEqual(['prod_01']);
        // The block mentions "yoga mat" only in its description, so it follows the mat.
        expect(ids(yogaMat.results)).toEqual(['prod_10', 'prod_11']);
      });

      it('falls back to any term when no product has them all, ranking more matched terms first', async () => {
        const page = await index.search(query({ q: 'wireless mouse charger' }));

        expect(ids(page.results).slice(0, 2).sort()).toEqual(['prod_04', 'prod_05']);
        expect(ids(page.results).sort()).toEqual(['prod_01', 'prod_03', 'prod_04', 'prod_05']);
        expect(page.total).toBe(4);
      });

      it('finds nothing for a word no product has', async () => {
        const page = await index.search(query({ q: 'xylophone' }));

        expect(page).toMatchObject({ results: [], total: 0 });
      });
    });

    describe('browsing and filters', () => {
      it('browses a department with its subcategories and its own products, newest first', async () => {
        const page = await index.search(query({ category: 'electronics' }));

        expect(ids(page.results)).toEqual(['prod_15', 'prod_05', 'prod_03', 'prod_01', 'prod_02', 'prod_04']);
        expect(page.total).toBe(6);
      });

      it('browses a subcategory alone', async () => {
        const page = await index.search(query({ category: 'headphones', sort: 'price_asc' }));

        expect(ids(page.results)).toEqual(['prod_02', 'prod_03', 'prod_01']);
      });

      it('filters a price range with both bounds inclusive', async () => {
        const page = await index.search(
          query({ min_price_cents: 1_999, max_price_cents: 3_499, sort: 'price_asc' }),
        );

        expect(ids(page.results)).toEqual(['prod_05', 'prod_14', 'prod_04', 'prod_10', 'prod_06', 'prod_13']);
      });

      it('filters by minimum rating, inclusive', async () => {
        const page = await index.search(query({ min_rating: 4.6, sort: 'rating' }));

        // 4.8 twice: more reviews first; 4.6 twice with equal reviews: product id.
        expect(ids(page.results)).toEqual(['prod_12', 'prod_13', 'prod_06', 'prod_01', 'prod_04', 'prod_10']);
      });

      it('keeps low stock but drops out-of-stock products when in_stock is asked', async () => {
        const page = await index.search(query({ category: 'headphones', in_stock: true }));

        expect(ids(page.results).sort()).toEqual(['prod_01', 'prod_02']);
      });

      it('combines text, category, price, rating and stock filters', async () => {
        const page = await index.search(
          query({
            q: 'wireless',
            category: 'electronics',
            min_price_cents: 2_000,
            min_rating: 4.5,
            in_stock: true,
          }),
        );

        expect(ids(page.results).sort()).toEqual(['prod_01', 'prod_04']);
      });
    });

    describe('on sale', () => {
      /** Two of the kitchen products put on sale, one with a compare-at price that is no discount. */
      async function putOnSale(): Promise<void> {
        await index.upsert([
          { ...byId.get('prod_06')!, compare_at_price_cents: 4_999, version: 2 },
          { ...byId.get('prod_09')!, compare_at_price_cents: 24_999, version: 2 },
          { ...byId.get('prod_08')!, compare_at_price_cents: 1_200, version: 2 },
        ]);
      }

      it('keeps only products whose compare-at price is above their price', async () => {
        await putOnSale();

        const page = await index.search(query({ on_sale: true, sort: 'price_asc' }));

        expect(ids(page.results)).toEqual(['prod_06', 'prod_09']);
        expect(page.total).toBe(2);
        expect(page.results[0]).toMatchObject({ price_cents: 3_499, compare_at_price_cents: 4_999 });
        expect((await index.search(query({ on_sale: false }))).total).toBe(CATALOG.length);
      });

      it('combines with text and the other filters, and counts facets over the sale only', async () => {
        await putOnSale();

        const espresso = await index.search(query({ q: 'espresso', on_sale: true }));
        const cheap = await index.search(query({ category: 'home', on_sale: true, max_price_cents: 5_000 }));

        // The mug mentions espresso too, but is not on sale.
        expect(ids(espresso.results)).toEqual(['prod_09']);
        expect(ids(cheap.results)).toEqual(['prod_06']);
        expect(cheap.facets.categories).toEqual([
          { slug: 'home', count: 1 },
          { slug: 'kitchen', count: 1 },
        ]);
      });

      it('follows the product version: a sale ended by a newer version ends, an older one cannot restart it', async () => {
        await putOnSale();
        await index.upsert([{ ...byId.get('prod_06')!, compare_at_price_cents: null, version: 3 }]);
        await index.upsert([{ ...byId.get('prod_06')!, compare_at_price_cents: 4_999, version: 2 }]);

        const page = await index.search(query({ on_sale: true }));

        expect(ids(page.results)).toEqual(['prod_09']);
        expect((await index.search(query({ q: 'french press' }))).results[0]).toMatchObject({
          compare_at_price_cents: null,
        });
      });
    });

    describe('facets', () => {
      it('counts categories (departments rolled up), price ranges and ratings over the filtered results', async () => {
        const page = await index.search(query({ q: 'wireless' }));

        expect(page.total).toBe(4);
        expect(page.facets.categories).toEqual([
          { slug: 'electronics', count: 4 },
          { slug: 'accessories', count: 2 },
          { slug: 'headphones', count: 2 },
        ]);
        expect(page.facets.price_ranges).toEqual([
          { key: 'under-25', from_cents: null, to_cents: 2_500, count: 2 },
          { key: '25-50', from_cents: 2_500, to_cents: 5_000, count: 0 },
          { key: '50-100', from_cents: 5_000, to_cents: 10_000, count: 1 },
          { key: '100-200', from_cents: 10_000, to_cents: 20_000, count: 0 },
          { key: '200-plus', from_cents: 20_000, to_cents: null, count: 1 },
        ]);
        expect(page.facets.ratings).toEqual([
          { min_rating: 4, count: 3 },
          { min_rating: 3, count: 4 },
          { min_rating: 2, count: 4 },
          { min_rating: 1, count: 4 },
        ]);
      });

      it('applies every filter, the category included, before counting', async () => {
        const page = await index.search(query({ category: 'home', min_price_cents: 1_300 }));

        expect(page.total).toBe(2);
        expect(page.facets.categories).toEqual([
          { slug: 'home', count: 2 },
          { slug: 'kitchen', count: 2 },
        ]);
        expect(page.facets.price_ranges.map((range) => range.count)).toEqual([0, 1, 0, 1, 0]);
      });
    });

    describe('sorting and pagination', () => {
      const sorts: SearchSort[] = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest'];

      it.each(sorts)('orders by %s, ties broken by product id', async (sort) => {
        const page = await index.search(query({ sort }));
        const results = page.results;

        expect(results).toHaveLength(CATALOG.length);
        for (let position = 1; position < results.length; position++) {
          const before = results[position - 1]!;
          const after = results[position]!;
          const tie = () => expect(before.product_id < after.product_id).toBe(true);
          if (sort === 'price_asc') {
            expect(before.price_cents).toBeLessThanOrEqual(after.price_cents);
            if (before.price_cents === after.price_cents) tie();
          } else if (sort === 'price_desc') {
            expect(before.price_cents).toBeGreaterThanOrEqual(after.price_cents);
            if (before.price_cents === after.price_cents) tie();
          } else if (sort === 'rating') {
            expect(before.avg_rating).toBeGreaterThanOrEqual(after.avg_rating);
          } else {
            // newest, and relevance without a query
            expect(before.created_at >= after.created_at).toBe(true);
          }
        }
      });

      it('sorts text matches by price when asked instead of by relevance', async () => {
        const page = await index.search(query({ q: 'wireless', sort: 'price_desc' }));

        expect(ids(page.results)).toEqual(['prod_01', 'prod_03', 'prod_04', 'prod_05']);
      });

      it.each(sorts)('walks every page of %s without repeats or gaps when all keys tie', async (sort) => {
        const twins = Array.from({ length: 23 }, (_, n) =>
          searchDocument({
            product_id: `prod_twin${String((n * 7) % 23).padStart(2, '0')}`,
            title: 'Identical Twin Widget',
            category: 'decor',
            price_cents: 500,
            avg_rating: 3,
            review_count: 3,
            created_at: '2024-01-01T00:00:00.000Z',
          }),
        );
        await index.upsert(twins);

        const walked = await walkAllPages(index, query({ q: 'twin widget', sort, page_size: 4 }));

        expect(walked).toEqual(ids(twins).sort());
      });

      it('returns no results past the last page but keeps the total', async () => {
        const page = await index.search(query({ category: 'headphones', page: 3, page_size: 2 }));

        expect(page.results).toEqual([]);
        expect(page.total).toBe(3);
      });
    });

    describe('versions', () => {
      it('ignores an upsert whose version is not newer, and applies a newer one', async () => {
        await index.upsert([{ ...byId.get('prod_13')!, title: 'LEGO Stale Title', version: 1 }]);
        await index.upsert([{ ...byId.get('prod_12')!, title: 'LEGO Old Fire Truck', version: 0 }]);
        await index.upsert([
          { ...byId.get('prod_07')!, title: 'Blue Summit Light Roast Coffee', version: 2 },
        ]);

        expect((await index.search(query({ q: 'stale' }))).total).toBe(0);
        expect((await index.search(query({ q: 'truck' }))).total).toBe(0);
        expect(ids((await index.search(query({ q: 'light roast' }))).results)).toEqual(['prod_07']);
        expect((await index.search(query({ q: 'dark' }))).total).toBe(0);
      });

      it('applies stock only from a newer stock version', async () => {
        await index.applyStock('prod_04', 'out_of_stock', 3);
        await index.applyStock('prod_04', 'in_stock', 2);
        await index.applyStock('prod_04', 'in_stock', 3);

        const page = await index.search(query({ q: 'mouse' }));
        expect(page.results[0]).toMatchObject({
          product_id: 'prod_04',
          stock_status: 'out_of_stock',
          stock_version: 3,
        });
        expect((await index.search(query({ q: 'mouse', in_stock: true }))).total).toBe(0);
      });

      it('applies ratings only from a newer rating version', async () => {
        await index.applyRating('prod_16', 4.9, 50, 5);
        await index.applyRating('prod_16', 1.0, 51, 4);

        const page = await index.search(query({ q: 'running shoes' }));
        expect(page.results[0]).toMatchObject({ avg_rating: 4.9, review_count: 50, rating_version: 5 });
        expect(ids((await index.search(query({ min_rating: 4.9 }))).results)).toContain('prod_16');
      });

      it('keeps newer stock and rating when a newer product version carries older ones', async () => {
        await index.applyStock('prod_06', 'low_stock', 7);
        await index.applyRating('prod_06', 3.3, 999, 7);
        await index.upsert([
          {
            ...byId.get('prod_06')!,
            title: 'Acme Glass French Press',
            version: 2,
            stock_status: 'in_stock',
            stock_version: 6,
            avg_rating: 4.8,
            rating_version: 6,
          },
        ]);

        const page = await index.search(query({ q: 'french press' }));
        expect(page.results[0]).toMatchObject({
          title: 'Acme Glass French Press',
          version: 2,
          stock_status: 'low_stock',
          stock_version: 7,
          avg_rating: 3.3,
          review_count: 999,
        });
      });

      it('keeps stock and rating events that arrive before their product', async () => {
        await index.applyStock('prod_new', 'low_stock', 4);
        await index.applyRating('prod_new', 4.4, 8, 2);
        expect(await index.count()).toBe(CATALOG.length);

        await index.upsert([
          searchDocument({ product_id: 'prod_new', title: 'Brand New Kettle', stock_version: 1 }),
        ]);

        const page = await index.search(query({ q: 'kettle' }));
        expect(page.results[0]).toMatchObject({
          product_id: 'prod_new',
          stock_status: 'low_stock',
          avg_rating: 4.4,
        });
        expect(await index.count()).toBe(CATALOG.length + 1);
      });
    });

    describe('removal', () => {
      it('removes products from results, facets and the count', async () => {
        await index.remove([
          { product_id: 'prod_12', version: 1 },
          { product_id: 'prod_13', version: 1 },
        ]);

        const page = await index.search(query({ q: 'lego' }));
        expect(page.total).toBe(0);
        expect(await index.count()).toBe(CATALOG.length - 2);
        const browse = await index.search(query({ category: 'toys' }));
        expect(ids(browse.results)).toEqual(['prod_14']);
      });

      it('ignores a versioned remove older than the product, and leaves a tombstone otherwise', async () => {
        await index.upsert([{ ...byId.get('prod_10')!, version: 5 }]);
        await index.remove([{ product_id: 'prod_10', version: 4 }]);
        expect((await index.search(query({ q: 'yoga mat' }))).total).toBe(2);

        await index.remove([{ product_id: 'prod_10', version: 6 }]);
        await index.upsert([{ ...byId.get('prod_10')!, version: 6 }]);
        expect(ids((await index.search(query({ q: 'yoga' }))).results)).toEqual(['prod_11']);

        await index.upsert([{ ...byId.get('prod_10')!, version: 7 }]);
        expect(ids((await index.search(query({ q: 'yoga' }))).results)).toContain('prod_10');
      });

      it('keeps a product removed at version N out when an upsert at N-1 arrives late', async () => {
        await index.upsert([{ ...byId.get('prod_10')!, version: 2 }]);
        await index.remove([{ product_id: 'prod_10', version: 3 }]);
        await index.upsert([{ ...byId.get('prod_10')!, version: 2 }]);
        await index.remove([{ product_id: 'prod_late', version: 3 }]);
        await index.upsert([
          searchDocument({ product_id: 'prod_late', title: 'Late Yoga Block', version: 2 }),
        ]);

        expect(ids((await index.search(query({ q: 'yoga' }))).results)).toEqual(['prod_11']);
        expect(await index.count()).toBe(CATALOG.length - 1);
      });

      it('empties the index on clear', async () => {
        await index.clear();

        expect(await index.count()).toBe(0);
        expect((await index.search(query({}))).total).toBe(0);
      });
    });

    describe('suggestions', () => {
      it('completes a prefix with lower-case phrases from titles', async () => {
        const suggestions = await index.suggest('Wire', 10);

        expect(suggestions).toEqual(
          expect.arrayContaining(['wireless mouse', 'wireless charger', 'wireless earbuds']),
        );
        for (const suggestion of suggestions) {
          expect(suggestion).toBe(suggestion.toLowerCase());
          expect(suggestion.startsWith('wire')).toBe(true);
        }
        expect(new Set(suggestions).size).toBe(suggestions.length);
      });

      it('ranks the more popular phrase first and honours the limit', async () => {
        await index.upsert([
          searchDocument({ product_id: 'prod_17', title: 'Acme Travel Yoga Mat', review_count: 400 }),
        ]);

        const suggestions = await index.suggest('yoga', 10);
        const limited = await index.suggest('yoga', 1);

        expect(suggestions.indexOf('yoga mat')).toBeGreaterThanOrEqual(0);
        expect(suggestions.indexOf('yoga mat')).toBeLessThan(suggestions.indexOf('yoga block'));
        expect(limited).toEqual(['yoga mat']);
      });

      it('continues a phrase after a finished word', async () => {
        expect(await index.suggest('lego c', 5)).toEqual(expect.arrayContaining(['lego city']));
      });

      it('forgets phrases of removed products and suggests nothing for an empty prefix', async () => {
        await index.remove([{ product_id: 'prod_12', version: 1 }]);

        expect(await index.suggest('lego ci', 5)).toEqual([]);
        expect(await index.suggest('  ', 5)).toEqual([]);
      });
    });
  });
}
