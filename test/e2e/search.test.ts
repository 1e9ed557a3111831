import { randomUUID } from 'node:crypto';
import { api, createProduct, eventually, publishTestEvent, signUpSeller } from '../support/api';
import { deliveredEverywhere, deliveryTo } from '../support/bus';

const search = (query: string) => api('GET', `/api/v1/search?${query}`);

describe('search and browse', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  // A made-up word keeps these assertions independent of the seeded catalog.
  const word = `zorbix${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    seller = await signUpSeller('search-seller');
  });

  it('finds a new product within 5 seconds, follows a price change, and forgets it when deleted', async () => {
    const created = await createProduct(seller.token, {
      title: `${word} Wireless Headphones`,
      description: 'Over-ear, noise cancelling.',
      price: 120,
      category: 'headphones',
      stock: 7,
    });
    const started = Date.now();
    const found = await eventually(async () => {
      const response = await search(`q=${word}`);
      return response.body.total === 1 ? response.body : undefined;
    }, 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found.results[0]).toMatchObject({
      product_id: created.product_id,
      price: 120,
      price_cents: 12000,
      stock_status: 'in_stock',
      image: null,
    });

    await api('PUT', `/api/v1/seller/products/${created.product_id}`, {
      token: seller.token,
      body: { price: 45 },
    });
    await eventually(async () => {
      const response = await search(`q=${word}&min_price=40&max_price=50`);
      return response.body.total === 1 ? true : undefined;
    }, 5000);
    expect((await search(`q=${word}&min_price=100`)).body.total).toBe(0);

    await api('DELETE', `/api/v1/seller/products/${created.product_id}`, { token: seller.token });
    await eventually(async () => ((await search(`q=${word}`)).body.total === 0 ? true : undefined), 5000);
  });

  it('ranks title matches above description matches and tolerates typos', async () => {
    const term = `quillon${randomUUID().slice(0, 5)}`;
    const inTitle = await createProduct(seller.token, {
      title: `${term} desk lamp`,
      description: 'A lamp.',
      category: 'decor',
    });
    const inDescription = await createProduct(seller.token, {
      title: 'Plain desk lamp',
      description: `Pairs well with a ${term}.`,
      category: 'decor',
    });
    const ranked = await eventually(async () => {
      const response = await search(`q=${term}`);
      return response.body.total === 2 ? response.body : undefined;
    }, 5000);
    expect(ranked.results.map((r: { product_id: string }) => r.product_id)).toEqual([
      inTitle.product_id,
      inDescription.product_id,
    ]);
    // One letter dropped is still found.
    const typo = `${term.slice(0, 3)}${term.slice(4)}`;
    expect((await search(`q=${typo}`)).body.results[0]?.product_id).toBe(inTitle.product_id);
  });

  it('filters, facets over the filtered result, sorts, and pages stably', async () => {
    const tag = `vexmoor${randomUUID().slice(0, 5)}`;
    const prices = [5, 15, 30, 60, 120, 240, 15, 30];
    for (const [i, price] of prices.entries()) {
      await createProduct(seller.token, {
        title: `${tag} gadget ${i}`,
        price,
        category: i % 2 ? 'accessories' : 'cameras',
        stock: i === 0 ? 0 : 5,
      });
    }
    const all = await eventually(async () => {
      const response = await search(`q=${tag}&page_size=100`);
      return response.body.total === prices.length ? response.body : undefined;
    }, 5000);
    expect(all.facets.categories).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: 'cameras', count: 4 }),
        expect.objectContaining({ slug: 'accessories', count: 4 }),
        expect.objectContaining({ slug: 'electronics', count: 8 }),
      ]),
    );
    const cameras = await search(`q=${tag}&category=cameras&in_stock=true`);
    expect(cameras.body.total).toBe(3);
    expect(cameras.body.facets.categories).toEqual(
      expect.arrayContaining([expect.objectContaining({ slug: 'cameras', count: 3 })]),
    );
    const cheapFirst = await search(`q=${tag}&sort=price_asc&page_size=100`);
    const cents = cheapFirst.body.results.map((r: { price_cents: number }) => r.price_cents);
    expect(cents).toEqual([...cents].sort((a, b) => a - b));
    const underFifty = cheapFirst.body.facets.price_ranges.find(
      (range: { key: string }) => range.key === 'under-25',
    );
    expect(underFifty.count).toBe(3);

    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const response = await search(`q=${tag}&sort=price_asc&page=${page}&page_size=3`);
      seen.push(...response.body.results.map((r: { product_id: string }) => r.product_id));
    }
    expect(seen).toHaveLength(prices.length);
    expect(new Set(seen).size).toBe(prices.length);
  });

  it('browses a category with an empty query, and serves /products from the index', async () => {
    const browse = await search('category=books&sort=price_desc&page_size=50');
    expect(browse.status).toBe(200);
    expect(browse.body.total).toBeGreaterThan(0);
    const prices = browse.body.results.map((r: { price_cents: number }) => r.price_cents);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const products = await api('GET', '/api/v1/products?category=books&sort=price_desc&page=1&page_size=50');
    expect(products.body.results.map((r: { product_id: string }) => r.product_id)).toEqual(
      browse.body.results.map((r: { product_id: string }) => r.product_id),
    );
    expect(products.headers.get('cache-control')).toMatch(/public/);
  });

  it('suggests completions for a prefix', async () => {
    await createProduct(seller.token, { title: 'Wireless Mouse, Silent Click', category: 'accessories' });
    const response = await eventually(async () => {
      const suggestions = await api('GET', '/api/v1/search/suggest?q=wire');
      return suggestions.body.suggestions.length > 0 ? suggestions.body : undefined;
    }, 5000);
    expect(response.suggestions.length).toBeLessThanOrEqual(10);
    expect(response.suggestions.every((s: string) => s.startsWith('wire'))).toBe(true);
  });

  it('applies StockChanged and RatingChanged events, newest version only', async () => {
    const product = await createProduct(seller.token, {
      title: `${word} ratable kettle`,
      category: 'kitchen',
      stock: 5,
    });
    await eventually(
      async () => ((await search(`q=${word}+ratable`)).body.total === 1 ? true : undefined),
      5000,
    );
    // The older version arrives last; once both are handled, only the newer may show.
    const delivered = await deliveredEverywhere([
      await publishTestEvent('bazaar.reviews', 'RatingChanged', {
        eventId: `evt_rating_${product.product_id}_v3`,
        product_id: product.product_id,
        rating_sum: 9,
        rating_count: 2,
        histogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 },
        version: 3,
      }),
      await publishTestEvent('bazaar.reviews', 'RatingChanged', {
        eventId: `evt_rating_${product.product_id}_v2`,
        product_id: product.product_id,
        rating_sum: 1,
        rating_count: 1,
        histogram: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 0 },
        version: 2,
      }),
    ]);
    expect(delivered.map((event) => deliveryTo(event, 'SearchOnRatingChanged'))).toEqual([
      'delivered',
      'delivered',
    ]);
    const rated = (await search(`q=${word}+ratable&min_rating=4`)).body;
    expect(rated.total).toBe(1);
    expect(rated.results[0]).toMatchObject({ rating: 4.5, review_count: 2 });
    await api('PUT', `/api/v1/seller/products/${product.product_id}/inventory`, {
      token: seller.token,
      body: { stock_delta: -5 },
    });
    await eventually(
      async () => ((await search(`q=${word}+ratable&in_stock=true`)).body.total === 0 ? true : undefined),
      5000,
    );
  });

  it.each([
    ['page_size=101', 'page_size'],
    ['min_price=200&max_price=50', 'min_price'],
    ['sort=cheapest', 'sort'],
    [`q=${'x'.repeat(1024)}`, 'q'],
    ['category=spaceships', 'category'],
    ['min_price=12.345', 'min_price'],
    ['colour=red', 'colour'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
