import { randomUUID } from 'node:crypto';
import {
  type ApiResponse,
  api,
  cookieFrom,
  createProduct,
  eventually,
  signUp,
  signUpSeller,
  uniqueEmail,
} from '../support/api';
import { apiFrom, uniqueLoopbackAddress } from '../support/from-address';

describe('the edges', () => {
  let product: string;

  beforeAll(async () => {
    const seller = await signUpSeller('edges-seller');
    product = (await createProduct(seller.token, { title: 'Edge Case Mug', price: 9, stock: 1000 }))
      .product_id;
  });

  it('ignores a cookie that is not valid percent-encoding instead of answering 500', async () => {
    const headers = { cookie: 'bazaar_cart=%E0%A4%A' };
    const cart = await api('GET', '/api/v1/cart', { headers });
    expect(cart.status).toBe(200);
    expect((await api('GET', '/api/v1/categories', { headers })).status).toBe(200);
    const added = await api('POST', '/api/v1/cart/items', {
      headers,
      body: { product_id: product, quantity: 1 },
    });
    expect(added.status).toBe(201);
    // The unreadable cookie counts as none: the cart answers with a fresh one of its own.
    expect(cookieFrom(added, 'bazaar_cart')).toMatch(/^anon_/);
  });

  it('makes repeated logins on one account wait, lets its owner back in soon after, and forgets on success', async () => {
    const from = apiFrom(uniqueLoopbackAddress());
    const { email } = await signUp('guessed');
    const statuses: number[] = [];
    let refused: ApiResponse | undefined;
    for (let i = 0; i < 8; i++) {
      const attempt = await from('POST', '/api/v1/auth/login', {
        body: { email, password: `guess-${i}-wrong` },
      });
      statuses.push(attempt.status);
      if (attempt.status === 429) refused ??= attempt;
    }
    // E2E settings: 3 free attempts, then waits of 1 s doubling to at most 2 s.
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toContain(429);
    expect(refused?.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused?.headers.get('retry-after'))).toBeLessThanOrEqual(2);

    // The owner is kept out for seconds at most, not locked out.
    await eventually(
      async () => {
        const login = await from('POST', '/api/v1/auth/login', {
          body: { email, password: 'correct horse battery' },
        });
        return login.status === 200 ? login : undefined;
      },
      6000,
      250,
    );
    const afterSuccess = await from('POST', '/api/v1/auth/login', {
      body: { email, password: 'wrong again' },
    });
    expect(afterSuccess.status).toBe(401);
  }, 20_000);

  it('treats an unknown e-mail like a real one, so the wait reveals nothing', async () => {
    const from = apiFrom(uniqueLoopbackAddress());
    const email = uniqueEmail('nobody');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await from('POST', '/api/v1/auth/login', { body: { email, password: 'whatever1' } })).status,
      );
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toContain(429);
  });

  it('limits logins per source address across accounts, without touching other addresses', async () => {
    const from = apiFrom(uniqueLoopbackAddress());
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const attempt = await from('POST', '/api/v1/auth/login', {
        body: { email: uniqueEmail('stuffed'), password: 'leaked-password' },
      });
      statuses.push(attempt.status);
      if (attempt.status === 429) {
        expect(Number(attempt.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        break;
      }
    }
    // 30 at once per address, then one every 5 s.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(30);

    const { email } = await signUp('bystander');
    const elsewhere = await api('POST', '/api/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    expect(elsewhere.status).toBe(200);
  }, 20_000);

  it('limits anonymous cart adds per source address, whatever cookie or viewer header the client sends', async () => {
    const from = apiFrom(uniqueLoopbackAddress());
    const started = Date.now();
    let allowed = 0;
    let limited = 0;
    for (let batch = 0; batch < 10; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          from('POST', '/api/v1/cart/items', {
            // Rotating cookies and a forged CDN viewer address: neither may pick the bucket.
            headers: {
              cookie: `bazaar_cart=anon_${randomUUID()}`,
              'cloudfront-viewer-address': `198.51.100.${batch * 20 + i}:443`,
            },
            body: { product_id: product, quantity: 1 },
          }),
        ),
      );
      for (const added of responses) {
        if (added.status === 201) allowed++;
        else if (added.status === 429) limited++;
        else throw new Error(`unexpected ${added.status}: ${added.text}`);
      }
    }
    const elapsedSeconds = (Date.now() - started) / 1000;
    // The cart bucket: a burst of 20, then 10 a second.
    expect(limited).toBeGreaterThan(0);
    expect(allowed).toBeLessThanOrEqual(20 + Math.ceil(elapsedSeconds * 10) + 1);

    const elsewhere = await api('POST', '/api/v1/cart/items', { body: { product_id: product, quantity: 1 } });
    expect(elsewhere.status).toBe(201);
  }, 30_000);
});
