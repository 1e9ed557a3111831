import { randomUUID } from 'node:crypto';
import { api, baseUrl, createProduct, eventually, signUpSeller } from '../support/api';

/** A GET through the local CDN, as a browser sends it. */
async function viaCdn(path: string) {
  const response = await fetch(`${baseUrl()}${path}`);
  return { xCache: response.headers.get('x-cache'), body: (await response.json()) as any };
}

const ids = (body: { results: Array<{ product_id: string }> }) => body.results.map((r) => r.product_id);

describe('on-sale filter of search and the product listing', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  // A made-up word keeps these assertions independent of the seeded catalog and other tests.
  const word = `salvix${randomUUID().slice(0, 6)}`;
  let onSale: string;
  let fullPrice: string;

  beforeAll(async () => {
    seller = await signUpSeller('on-sale-seller');
    onSale = (
      await createProduct(seller.token, {
        title: `${word} Espresso Grinder`,
        price: 80,
        compare_at_price: 100,
        category: 'kitchen',
      })
    ).product_id;
    fullPrice = (
      await createProduct(seller.token, { title: `${word} Milk Jug`, price: 20, category: 'kitchen' })
    ).product_id;
    await eventually(async () => {
      const response = await api('GET', `/api/v1/search?q=${word}`);
      return response.body.total === 2 ? true : undefined;
    }, 5000);
  });

  it('finds only the products whose compare-at price is above their price, with that price', async () => {
    const response = await api('GET', `/api/v1/search?q=${word}&on_sale=true`);

    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual([onSale]);
    expect(response.body.results[0]).toMatchObject({
      price: 80,
      price_cents: 8000,
      compare_at_price: 100,
      compare_at_price_cents: 10000,
    });
    const all = await api('GET', `/api/v1/search?q=${word}&on_sale=false`);
    expect(ids(all.body).sort()).toEqual([onSale, fullPrice].sort());
    expect(all.body.results.find((r: any) => r.product_id === fullPrice)).toMatchObject({
      compare_at_price: null,
      compare_at_price_cents: null,
    });
  });

  it('browses a category on sale, newest first, every result on sale', async () => {
    const response = await api('GET', '/api/v1/products?category=kitchen&on_sale=true&page_size=100');

    expect(response.status).toBe(200);
    expect(ids(response.body)).toContain(onSale);
    expect(ids(response.body)).not.toContain(fullPrice);
    for (const result of response.body.results) {
      expect(result.compare_at_price_cents).toBeGreaterThan(result.price_cents);
    }
  });

  it('keys the CDN on on_sale: a cached unfiltered search is not the on-sale answer', async () => {
    const unfiltered = `/api/v1/search?q=${word}`;
    await viaCdn(unfiltered);
    const cached = await viaCdn(unfiltered);
    expect(cached.xCache).toBe('Hit from cloudfront');
    expect(cached.body.total).toBe(2);

    const filtered = await viaCdn(`${unfiltered}&on_sale=true`);

    expect(filtered.xCache).not.toBe('Hit from cloudfront');
    expect(ids(filtered.body)).toEqual([onSale]);
  });

  it('drops a product from the sale when the seller ends it', async () => {
    const ended = await createProduct(seller.token, {
      title: `${word} Tamper`,
      price: 15,
      compare_at_price: 25,
      category: 'kitchen',
    });
    const onSaleIds = async () =>
      ids((await api('GET', `/api/v1/search?q=${word}+tamper&on_sale=true`)).body);
    await eventually(async () => ((await onSaleIds()).includes(ended.product_id) ? true : undefined), 5000);

    await api('PUT', `/api/v1/seller/products/${ended.product_id}`, {
      token: seller.token,
      body: { compare_at_price: null },
    });

    await eventually(async () => ((await onSaleIds()).includes(ended.product_id) ? undefined : true), 5000);
  });

  it.each([
    ['/api/v1/search?on_sale=yes', 'on_sale'],
    ['/api/v1/products?on_sale=1', 'on_sale'],
  ])('rejects %s with a 400 naming %s', async (path, field) => {
    const response = await api('GET', path);

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
