import { OrderPaid } from '../../functions/orders/events';
import {
  api,
  cookieFrom,
  createProduct,
  eventually,
  publishTestEvent,
  signUp,
  signUpSeller,
} from '../support/api';
import { deliveredEverywhere, deliveryTo } from '../support/bus';

describe('cart', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let book: string;
  let lamp: string;

  beforeAll(async () => {
    seller = await signUpSeller('cart-seller');
    book = (await createProduct(seller.token, { title: 'Cart Test Novel', price: 12.5, stock: 50 }))
      .product_id;
    lamp = (
      await createProduct(seller.token, { title: 'Cart Test Lamp', price: 30, category: 'decor', stock: 50 })
    ).product_id;
  });

  it('keeps an anonymous cart in an HttpOnly cookie and merges it into the user’s cart once on sign-in', async () => {
    const added = await api('POST', '/api/v1/cart/items', { body: { product_id: book, quantity: 2 } });
    expect(added.status).toBe(201);
    const cookie = cookieFrom(added, 'bazaar_cart');
    expect(cookie).toMatch(/^anon_/);
    const setCookie = added.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=2592000/);

    const anonymousView = await api('GET', '/api/v1/cart', { headers: { cookie: `bazaar_cart=${cookie}` } });
    expect(anonymousView.body.items).toEqual([expect.objectContaining({ product_id: book, quantity: 2 })]);

    const user = await signUp('merger');
    await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: book, quantity: 1 } });
    const merged = await api('GET', '/api/v1/cart', {
      token: user.token,
      headers: { cookie: `bazaar_cart=${cookie}` },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.items).toEqual([expect.objectContaining({ product_id: book, quantity: 3 })]);
    expect(cookieFrom(merged, 'bazaar_cart')).toBeNull();

    // The same cookie again (a stale tab) merges nothing more.
    const again = await api('GET', '/api/v1/cart', {
      token: user.token,
      headers: { cookie: `bazaar_cart=${cookie}` },
    });
    expect(again.body.items).toEqual([expect.objectContaining({ product_id: book, quantity: 3 })]);
  });

  it('merges exactly once when two signed-in requests race with the same cookie', async () => {
    const added = await api('POST', '/api/v1/cart/items', { body: { product_id: lamp, quantity: 2 } });
    const cookie = cookieFrom(added, 'bazaar_cart');
    const user = await signUp('racer');
    const headers = { cookie: `bazaar_cart=${cookie}` };
    await Promise.all([
      api('GET', '/api/v1/cart', { token: user.token, headers }),
      api('GET', '/api/v1/cart', { token: user.token, headers }),
      api('GET', '/api/v1/cart', { token: user.token, headers }),
    ]);
    const cart = await api('GET', '/api/v1/cart', { token: user.token });
    expect(cart.body.items).toEqual([expect.objectContaining({ product_id: lamp, quantity: 2 })]);
  });

  it('shows line totals and an exact subtotal', async () => {
    const user = await signUp('totals');
    await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: book, quantity: 3 } });
    const lampLine = await api('POST', '/api/v1/cart/items', {
      token: user.token,
      body: { product_id: lamp, quantity: 1 },
    });
    expect(lampLine.body).toMatchObject({
      item_id: expect.stringMatching(/^ci_/),
      unit_price_cents: 3000,
      line_total_cents: 3000,
    });
    const cart = await api('GET', '/api/v1/cart', { token: user.token });
    expect(cart.body).toMatchObject({
      subtotal: '$67.50',
      subtotal_cents: 6750,
      currency: 'USD',
      item_count: 4,
    });
  });

  it('shows a price change since the product was added', async () => {
    const product = (
      await createProduct(seller.token, { title: 'Repriced Mug', price: 8, category: 'kitchen' })
    ).product_id;
    const user = await signUp('pricewatch');
    await api('POST', '/api/v1/cart/items', {
      token: user.token,
      body: { product_id: product, quantity: 2 },
    });
    await api('PUT', `/api/v1/seller/products/${product}`, { token: seller.token, body: { price: 9.5 } });
    const line = (await api('GET', '/api/v1/cart', { token: user.token })).body.items[0];
    expect(line).toMatchObject({
      price_when_added_cents: 800,
      unit_price_cents: 950,
      price_changed: true,
      line_total_cents: 1900,
    });
  });

  it('updates and removes lines, and hides other carts’ lines (404)', async () => {
    const user = await signUp('editor');
    const other = await signUp('snoop');
    const line = (
      await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: book, quantity: 1 } })
    ).body;
    const updated = await api('PUT', `/api/v1/cart/items/${line.item_id}`, {
      token: user.token,
      body: { quantity: 4 },
    });
    expect(updated.body.quantity).toBe(4);
    expect(
      (await api('PUT', `/api/v1/cart/items/${line.item_id}`, { token: other.token, body: { quantity: 1 } }))
        .status,
    ).toBe(404);
    expect((await api('DELETE', `/api/v1/cart/items/${line.item_id}`, { token: other.token })).status).toBe(
      404,
    );
    expect((await api('DELETE', `/api/v1/cart/items/${line.item_id}`, { token: user.token })).status).toBe(
      204,
    );
    expect((await api('GET', '/api/v1/cart', { token: user.token })).body.items).toEqual([]);
  });

  it('enforces the per-product limit with a 400 naming it, and changes nothing', async () => {
    const user = await signUp('limits');
    await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: book, quantity: 8 } });
    const over = await api('POST', '/api/v1/cart/items', {
      token: user.token,
      body: { product_id: book, quantity: 3 },
    });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('CART_QUANTITY_LIMIT');
    expect(over.body.error.message).toMatch(/at most 10/);
    expect((await api('GET', '/api/v1/cart', { token: user.token })).body.items[0].quantity).toBe(8);
    expect(
      (
        await api('POST', '/api/v1/cart/items', {
          token: user.token,
          body: { product_id: book, quantity: 0 },
        })
      ).status,
    ).toBe(400);
  });

  it('refuses unknown and draft products (404) and deleted ones (409)', async () => {
    const user = await signUp('picky');
    const unknown = await api('POST', '/api/v1/cart/items', {
      token: user.token,
      body: { product_id: 'prod_01JXXXXXXXXXXXXXXXXXXXXXXX', quantity: 1 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PRODUCT_NOT_FOUND');
    const draft = (await createProduct(seller.token, { title: 'Draft thing', status: 'draft' })).product_id;
    expect(
      (
        await api('POST', '/api/v1/cart/items', {
          token: user.token,
          body: { product_id: draft, quantity: 1 },
        })
      ).status,
    ).toBe(404);
    const gone = (await createProduct(seller.token, { title: 'Soon gone' })).product_id;
    await api('DELETE', `/api/v1/seller/products/${gone}`, { token: seller.token });
    const deleted = await api('POST', '/api/v1/cart/items', {
      token: user.token,
      body: { product_id: gone, quantity: 1 },
    });
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.code).toBe('PRODUCT_UNAVAILABLE');
  });

  it('rate-limits cart changes per user with 429 and Retry-After', async () => {
    const user = await signUp('bot');
    const line = (
      await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: lamp, quantity: 1 } })
    ).body;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api('PUT', `/api/v1/cart/items/${line.item_id}`, {
          token: user.token,
          body: { quantity: (i % 3) + 1 },
        }),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body.error.code).toBe('RATE_LIMITED');
    // Another user is not affected.
    const bystander = await signUp('bystander');
    expect(
      (
        await api('POST', '/api/v1/cart/items', {
          token: bystander.token,
          body: { product_id: lamp, quantity: 1 },
        })
      ).status,
    ).toBe(201);
  });

  it('warns when a product in the cart sells out, and the product shows out_of_stock within seconds', async () => {
    const product = (await createProduct(seller.token, { title: 'Last One Standing', stock: 3 })).product_id;
    const user = await signUp('unlucky');
    await api('POST', '/api/v1/cart/items', {
      token: user.token,
      body: { product_id: product, quantity: 2 },
    });
    const drained = await api('PUT', `/api/v1/seller/products/${product}/inventory`, {
      token: seller.token,
      body: { stock_delta: -3 },
    });
    expect(drained.body).toMatchObject({ available: 0, stock_status: 'out_of_stock' });
    const line = (await api('GET', '/api/v1/cart', { token: user.token })).body.items[0];
    expect(line).toMatchObject({ availability: 'out_of_stock', warning: 'Out of stock' });
    const shown = await eventually(async () => {
      const page = await api('GET', `/api/v1/products/${product}`);
      return page.body.status === 'out_of_stock' ? page.body : undefined;
    }, 5000);
    expect(shown.stock_status).toBe('out_of_stock');
    const overdraw = await api('PUT', `/api/v1/seller/products/${product}/inventory`, {
      token: seller.token,
      body: { stock_delta: -1 },
    });
    expect(overdraw.status).toBe(409);
    expect(overdraw.body.error.code).toBe('INSUFFICIENT_STOCK');
  });

  it('removes exactly the ordered quantities when OrderPaid arrives, once even if redelivered', async () => {
    const user = await signUp('buyer');
    await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: book, quantity: 3 } });
    await api('POST', '/api/v1/cart/items', { token: user.token, body: { product_id: lamp, quantity: 1 } });
    const orderId = `ord_E2E${Date.now()}`;
    const { detail } = OrderPaid.build({
      eventId: `evt_${orderId.slice(4)}_OrderPaid_v2`,
      order_id: orderId,
      user_id: user.userId,
      status: 'paid',
      total_cents: 0,
      refunded_cents: 0,
      currency: 'USD',
      failure_reason: null,
      seller_ids: [],
      lines: [
        { product_id: book, seller_id: 'usr_SELLER', quantity: 2, price_at_order_cents: 0 },
        { product_id: lamp, seller_id: 'usr_SELLER', quantity: 1, price_at_order_cents: 0 },
      ],
      version: 2,
    });
    const delivered = await deliveredEverywhere([
      await publishTestEvent('bazaar.orders', 'OrderPaid', detail),
      await publishTestEvent('bazaar.orders', 'OrderPaid', detail),
    ]);
    expect(delivered.map((each) => deliveryTo(each, 'CartOnOrderPaid'))).toEqual(['delivered', 'delivered']);
    expect((await api('GET', '/api/v1/cart', { token: user.token })).body.items).toEqual([
      expect.objectContaining({ product_id: book, quantity: 1 }),
    ]);
  });
});

describe('seller stock', () => {
  it('adds stock, sets the threshold, and refuses other sellers (403)', async () => {
    const seller = await signUpSeller('stocker');
    const rival = await signUpSeller('stock-rival');
    const product = (await createProduct(seller.token, { stock: 10 })).product_id;
    const added = await api('PUT', `/api/v1/seller/products/${product}/inventory`, {
      token: seller.token,
      body: { stock_delta: 100, low_stock_threshold: 5 },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      product_id: product,
      available: 110,
      reserved: 0,
      sold: 0,
      low_stock_threshold: 5,
    });
    expect(
      (await api('GET', `/api/v1/seller/products/${product}/inventory`, { token: seller.token })).body
        .available,
    ).toBe(110);
    expect(
      (
        await api('PUT', `/api/v1/seller/products/${product}/inventory`, {
          token: rival.token,
          body: { stock_delta: 1 },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api('GET', `/api/v1/seller/products/${product}/inventory`, { token: rival.token })).status,
    ).toBe(403);
    const bad = await api('PUT', `/api/v1/seller/products/${product}/inventory`, {
      token: seller.token,
      body: { stock_delta: 1.5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('stock_delta');
  });
});
