import { api, signUp, signUpSeller } from '../support/api';

const headphones = {
  title: 'Wireless Headphones',
  description: 'Over-ear, 30 hours of battery.',
  price: 49.99,
  category: 'electronics',
  stock: 500,
  images: ['img_1', 'img_2'],
};

describe('a seller lists a product and the world reads it', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let rival: Awaited<ReturnType<typeof signUpSeller>>;
  let productId: string;

  beforeAll(async () => {
    seller = await signUpSeller('seller');
    rival = await signUpSeller('rival');
  });

  it('creates the product from the spec’s body, with exact money fields', async () => {
    const response = await api('POST', '/api/v1/seller/products', { token: seller.token, body: headphones });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      seller_id: seller.userId,
      title: 'Wireless Headphones',
      category: 'electronics',
      price: 49.99,
      price_cents: 4999,
      currency: 'USD',
      compare_at_price: null,
      on_sale: false,
      avg_rating: 0,
      review_count: 0,
      stock_status: 'in_stock',
      status: 'active',
      images: [
        { image_id: 'img_1', url: expect.stringContaining('img_1') },
        { image_id: 'img_2', url: expect.stringContaining('img_2') },
      ],
    });
    expect(response.body.product_id).toMatch(/^prod_/);
    productId = response.body.product_id;
  });

  it('lets a stranger read it without signing in, with CDN caching headers', async () => {
    const response = await api('GET', `/api/v1/products/${productId}`);
    expect(response.status).toBe(200);
    expect(response.body.title).toBe('Wireless Headphones');
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+, s-maxage=\d+/);
  });

  it('lets the seller update part of it', async () => {
    const response = await api('PUT', `/api/v1/seller/products/${productId}`, {
      token: seller.token,
      body: { price: 39.99, compare_at_price: 49.99 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      price: 39.99,
      price_cents: 3999,
      compare_at_price_cents: 4999,
      on_sale: true,
    });
    expect((await api('GET', `/api/v1/products/${productId}`)).body.price_cents).toBe(3999);
  });

  it('forbids another seller to change or delete it (403) and changes nothing', async () => {
    const update = await api('PUT', `/api/v1/seller/products/${productId}`, {
      token: rival.token,
      body: { price: 1 },
    });
    expect(update.status).toBe(403);
    const remove = await api('DELETE', `/api/v1/seller/products/${productId}`, { token: rival.token });
    expect(remove.status).toBe(403);
    const product = (await api('GET', `/api/v1/products/${productId}`)).body;
    expect(product).toMatchObject({ price_cents: 3999, status: 'active' });
  });

  it('forbids a customer who is not a seller to list products (403)', async () => {
    const customer = await signUp('customer');
    const response = await api('POST', '/api/v1/seller/products', {
      token: customer.token,
      body: headphones,
    });
    expect(response.status).toBe(403);
  });

  it('answers 401 without a token or with a bad one', async () => {
    expect((await api('POST', '/api/v1/seller/products', { body: headphones })).status).toBe(401);
    expect(
      (await api('POST', '/api/v1/seller/products', { body: headphones, token: 'not.a.jwt' })).status,
    ).toBe(401);
  });

  it.each([
    ['more than two decimals', { ...headphones, price: 49.999 }, 'price'],
    ['a negative price', { ...headphones, price: -5 }, 'price'],
    ['a price as a string', { ...headphones, price: '49.99' }, 'price'],
    ['an unknown category', { ...headphones, category: 'spaceships' }, 'category'],
    ['an oversize title', { ...headphones, title: 'x'.repeat(301) }, 'title'],
    ['an unknown field', { ...headphones, discount: 10 }, 'discount'],
    ['a missing field', { title: 'No price', category: 'books', stock: 1 }, 'price'],
    ['a fractional stock', { ...headphones, stock: 2.5 }, 'stock'],
  ])('rejects %s with a 400 naming the field', async (_label, body, field) => {
    const response = await api('POST', '/api/v1/seller/products', { token: seller.token, body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('rejects malformed JSON (400) and a wrong content type (415)', async () => {
    const malformed = await api('POST', '/api/v1/seller/products', {
      token: seller.token,
      rawBody: '{"title": "broken"',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    const wrongType = await api('POST', '/api/v1/seller/products', {
      token: seller.token,
      rawBody: JSON.stringify(headphones),
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
  });

  it('changes nothing when an update is rejected', async () => {
    const before = (await api('GET', `/api/v1/products/${productId}`)).body;
    const response = await api('PUT', `/api/v1/seller/products/${productId}`, {
      token: seller.token,
      body: { title: 'New title', price: 10.001 },
    });
    expect(response.status).toBe(400);
    expect((await api('GET', `/api/v1/products/${productId}`)).body).toEqual(before);
  });

  it('rejects a compare-at price at or below the price on update', async () => {
    const response = await api('PUT', `/api/v1/seller/products/${productId}`, {
      token: seller.token,
      body: { compare_at_price: 39.99 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields[0].field).toBe('compare_at_price');
  });

  it('answers 404 for unknown products and 400 for malformed ids', async () => {
    expect((await api('GET', '/api/v1/products/prod_01JUNKNOWN0000000000000000')).status).toBe(404);
    const malformed = await api('GET', '/api/v1/products/not-a-product');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.fields[0].field).toBe('product_id');
  });

  it('keeps drafts private and soft-deletes', async () => {
    const draft = await api('POST', '/api/v1/seller/products', {
      token: seller.token,
      body: { ...headphones, title: 'Secret prototype', status: 'draft' },
    });
    expect(draft.status).toBe(201);
    expect((await api('GET', `/api/v1/products/${draft.body.product_id}`)).status).toBe(404);
    expect(
      (await api('GET', `/api/v1/seller/products/${draft.body.product_id}`, { token: seller.token })).status,
    ).toBe(200);

    expect(
      (await api('DELETE', `/api/v1/seller/products/${productId}`, { token: seller.token })).status,
    ).toBe(204);
    expect((await api('GET', `/api/v1/products/${productId}`)).status).toBe(404);
    const own = await api('GET', `/api/v1/seller/products/${productId}`, { token: seller.token });
    expect(own.body.status).toBe('deleted');
  });

  it('lists the seller’s own products with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await api('POST', '/api/v1/seller/products', {
        token: seller.token,
        body: { ...headphones, title: `Paged ${i}` },
      });
    }
    const first = await api('GET', '/api/v1/seller/products?limit=2', { token: seller.token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api('GET', `/api/v1/seller/products?limit=2&cursor=${first.body.next_cursor}`, {
      token: seller.token,
    });
    const ids = [...first.body.items, ...second.body.items].map((p: { product_id: string }) => p.product_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.body.items.every((p: { seller_id: string }) => p.seller_id === seller.userId)).toBe(true);
  });
});

describe('browsing', () => {
  it('serves the category tree with every department', async () => {
    const response = await api('GET', '/api/v1/categories');
    expect(response.status).toBe(200);
    const slugs = response.body.categories.map((c: { slug: string }) => c.slug);
    expect(slugs).toEqual(
      expect.arrayContaining([
        'electronics',
        'books',
        'home',
        'fashion',
        'sports',
        'toys',
        'beauty',
        'grocery',
      ]),
    );
    expect(response.body.categories[0].children.length).toBeGreaterThan(0);
  });

  it('browses a department, its subcategories included, sorted by price', async () => {
    const response = await api(
      'GET',
      '/api/v1/products?category=electronics&sort=price_asc&page=1&page_size=50',
    );
    expect(response.status).toBe(200);
    const prices = response.body.results.map((p: { price_cents: number }) => p.price_cents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(response.body.total).toBeGreaterThan(0);
    const categories = new Set(response.body.results.map((p: { category: string }) => p.category));
    expect(
      [...categories].every((c) =>
        ['electronics', 'headphones', 'laptops', 'phones', 'cameras', 'accessories'].includes(c as string),
      ),
    ).toBe(true);
  });

  it('rejects an unknown sort or category with 400', async () => {
    expect((await api('GET', '/api/v1/products?sort=cheapest')).status).toBe(400);
    expect((await api('GET', '/api/v1/products?category=nope')).status).toBe(400);
    expect((await api('GET', '/api/v1/products?page_size=1000')).status).toBe(400);
  });
});
