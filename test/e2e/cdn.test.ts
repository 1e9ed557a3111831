import { api, baseUrl, createProduct, eventually, localControl, signUp, signUpSeller } from '../support/api';
import { settledEvents } from '../support/bus';

/** A GET through the local CDN, as a browser would send it (no cookie, no token unless given). */
async function viaCdn(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    xCache: response.headers.get('x-cache'),
    age: response.headers.get('age'),
    cacheControl: response.headers.get('cache-control'),
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Views a page until the CDN serves it from cache, so what follows starts from a cached copy. */
async function cached(path: string) {
  await viaCdn(path);
  const hit = await viaCdn(path);
  expect(hit.xCache).toBe('Hit from cloudfront');
  return hit;
}

/** Waits until the page through the CDN satisfies `check`: the purge, not a clock, makes it so. */
function afterPurge(path: string, check: (body: any, status: number) => boolean, timeoutMs = 5000) {
  return eventually(async () => {
    const page = await viaCdn(path);
    return check(page.body, page.status) ? page : undefined;
  }, timeoutMs);
}

describe('the local CDN in front of the API', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let productId: string;
  let page: string;

  beforeAll(async () => {
    seller = await signUpSeller('cdn-seller');
    productId = (await createProduct(seller.token, { title: 'Cached Kettle', price: 30, stock: 5 }))
      .product_id;
    page = `/api/v1/products/${productId}`;
  });

  afterAll(async () => {
    await localControl('/_local/flags', { reviews: true, recommendations: true });
  });

  it('serves a product page from cache after the first view, with its age', async () => {
    const first = await viaCdn(page);
    expect(first.status).toBe(200);
    expect(first.cacheControl).toBe('public, max-age=0, s-maxage=300, stale-while-revalidate=30');
    const second = await viaCdn(page);
    expect(second.xCache).toBe('Hit from cloudfront');
    expect(Number(second.age)).toBeGreaterThanOrEqual(0);
    expect(second.body).toEqual(first.body);
  });

  it('shows a price change once the purge has run', async () => {
    // The page lives 300 s in the CDN: only a purge makes a change visible within the wait.
    await cached(page);
    const update = await api('PUT', `/api/v1/seller/products/${productId}`, {
      token: seller.token,
      body: { price: 24.5 },
    });
    expect(update.status).toBe(200);
    const fresh = await afterPurge(page, (body) => body.price === 24.5);
    expect(fresh.body.price_cents).toBe(2450);
  });

  it('shows a stock-out once the purge has run', async () => {
    await cached(page);
    await api('PUT', `/api/v1/seller/products/${productId}/inventory`, {
      token: seller.token,
      body: { stock_delta: -5 },
    });
    await afterPurge(page, (body) => body.stock_status === 'out_of_stock');
    await api('PUT', `/api/v1/seller/products/${productId}/inventory`, {
      token: seller.token,
      body: { stock_delta: 5 },
    });
    await afterPurge(page, (body) => body.stock_status !== 'out_of_stock');
  });

  it('keeps the page cached through a stock move that leaves its badge as it was', async () => {
    const roomy = (await createProduct(seller.token, { title: 'Roomy Kettle', price: 30, stock: 50 }))
      .product_id;
    const roomyPage = `/api/v1/products/${roomy}`;
    // The new product's own purge (ProductChanged) comes and goes first.
    const ofRoomy = (event: { detail: unknown }) =>
      (event.detail as { product_id?: string }).product_id === roomy;
    await settledEvents(ofRoomy, {}, { atLeast: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await cached(roomyPage);
    await api('PUT', `/api/v1/seller/products/${roomy}/inventory`, {
      token: seller.token,
      body: { stock_delta: -1 },
    });
    // The move's StockChanged (50 → 49, in stock either way) reached every rule, the purge's too…
    const [move] = await settledEvents(
      (event) => {
        const detail = event.detail as { product_id?: string; available?: number };
        return detail.product_id === roomy && detail.available === 49;
      },
      { detailType: 'StockChanged' },
      { atLeast: 1 },
    );
    expect(move?.detail).toMatchObject({ stock_status: 'in_stock', previous_stock_status: 'in_stock' });
    // …and flushes that would have sent a purge have come and gone (every 0.5 s here).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const still = await viaCdn(roomyPage);
    expect(still.xCache).toBe('Hit from cloudfront');
    expect(Number(still.age)).toBeGreaterThanOrEqual(1);
  });

  it('shows a new rating on the page and its first reviews page once the purge has run', async () => {
    await cached(page);
    await cached(`${page}/reviews`);
    const reviewer = await signUp('cdn-reviewer');
    const posted = await api('POST', `${page}/reviews`, {
      token: reviewer.token,
      body: { rating: 4, title: 'Boils fast', body: 'Quiet too.' },
    });
    expect(posted.status).toBe(201);
    await afterPurge(page, (body) => body.review_count === 1 && body.avg_rating === 4);
    await afterPurge(`${page}/reviews`, (body) => body.items?.length === 1);
  });

  it('shows a feature switch change on product pages once the purge has run', async () => {
    expect((await cached(page)).body).toHaveProperty('reviews');
    await localControl('/_local/flags', { reviews: false, recommendations: false });
    await afterPurge(page, (body) => !('reviews' in body) && !('frequently_bought_together' in body));
    await localControl('/_local/flags', { reviews: true, recommendations: true });
    await afterPurge(page, (body) => 'reviews' in body);
  });

  it('never serves or stores a request sent with a token or a cookie', async () => {
    const shopper = await signUp('cdn-shopper');
    await viaCdn(page);
    const signedIn = await viaCdn(page, { authorization: `Bearer ${shopper.token}` });
    expect(signedIn.xCache).toBe('Miss from cloudfront');
    expect(signedIn.cacheControl).toBe('private, no-store');
    expect((await viaCdn(page, { authorization: `Bearer ${shopper.token}` })).xCache).toBe(
      'Miss from cloudfront',
    );
    // The cookie never reaches the origin of a cached route (as on CloudFront), so the shared copy serves it.
    const withCookie = await viaCdn(page, { cookie: 'bazaar_cart=cart_x' });
    expect(withCookie.cacheControl).not.toContain('private');
  });

  it('never lets a draft or a deleted product through', async () => {
    const draft = (await createProduct(seller.token, { title: 'Draft Lamp', status: 'draft' })).product_id;
    const draftPage = `/api/v1/products/${draft}`;
    expect((await viaCdn(draftPage)).status).toBe(404);
    const again = await viaCdn(draftPage);
    expect(again.status).toBe(404);
    expect(again.xCache).toBe('Miss from cloudfront');
    // The seller's own view of the draft, with a token, is never stored for anyone else either.
    await api('GET', `/api/v1/seller/products/${draft}`, { token: seller.token });
    expect((await viaCdn(draftPage)).status).toBe(404);

    const doomed = (await createProduct(seller.token, { title: 'Doomed Vase' })).product_id;
    const doomedPage = `/api/v1/products/${doomed}`;
    await cached(doomedPage);
    expect((await api('DELETE', `/api/v1/seller/products/${doomed}`, { token: seller.token })).status).toBe(
      204,
    );
    await afterPurge(doomedPage, (_, status) => status === 404);
  });

  it('answers CloudFront’s CreateInvalidation for the purge handler, and only for its distribution', async () => {
    await viaCdn(page);
    const endpoint = `${baseUrl()}/_local/cloudfront/2020-05-31/distribution`;
    const batch = `<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Paths><Quantity>1</Quantity><Items><Path>${page}</Path></Items></Paths><CallerReference>t1</CallerReference></InvalidationBatch>`;
    const unknown = await fetch(`${endpoint}/EOTHER/invalidation`, { method: 'POST', body: batch });
    expect(unknown.status).toBe(404);
    const accepted = await fetch(`${endpoint}/ELOCALCDN/invalidation`, { method: 'POST', body: batch });
    expect(accepted.status).toBe(201);
    expect(await accepted.text()).toMatch(/<Id>I[0-9A-Z]+<\/Id><Status>Completed<\/Status>/);
    expect((await viaCdn(page)).xCache).toBe('Miss from cloudfront');
  });
});
