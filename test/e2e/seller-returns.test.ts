import {
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  newBuyer,
  settledOrder,
  signUpSeller,
} from '../support/api';

type Seller = Awaited<ReturnType<typeof signUpSeller>>;

const returnsOf = (seller: Seller, query = '') =>
  api('GET', `/api/v1/seller/returns${query ? `?${query}` : ''}`, { token: seller.token });
const idsOf = (response: { body: { items: Array<{ return_id: string }> } }) =>
  response.body.items.map((item) => item.return_id);

/** A delivered order of these lines, each seller having shipped and delivered its own. */
async function deliveredOrder(buyer: Buyer, lines: Array<[Seller, string, number]>): Promise<string> {
  for (const [, productId, quantity] of lines) await addToCart(buyer, productId, quantity);
  const orderId = (await checkout(buyer)).body.order_id;
  expect((await settledOrder(buyer, orderId)).status).toBe('paid');
  for (const seller of new Set(lines.map(([each]) => each))) {
    const shipped = await api('POST', `/api/v1/seller/orders/${orderId}/ship`, {
      token: seller.token,
      body: { carrier: 'UPS', tracking_number: `RT${Date.now()}${Math.floor(Math.random() * 1e6)}` },
    });
    expect(shipped.status).toBe(200);
    expect(
      (await api('POST', `/api/v1/seller/orders/${orderId}/deliver`, { token: seller.token })).status,
    ).toBe(200);
  }
  return orderId;
}

describe('a seller’s returns', () => {
  let alpha: Seller;
  let beta: Seller;
  let buyer: Buyer;
  let orderId: string;
  let lamp: string;
  let firstLamp: { return_id: string };
  let secondLamp: { return_id: string };
  let rugReturn: { return_id: string };

  beforeAll(async () => {
    alpha = await signUpSeller('returns-alpha');
    beta = await signUpSeller('returns-beta');
    lamp = (await createProduct(alpha.token, { title: 'Returnable Lamp', price: 30, category: 'decor' }))
      .product_id;
    const rug = (await createProduct(beta.token, { title: 'Returnable Rug', price: 70, category: 'decor' }))
      .product_id;
    buyer = await newBuyer('returns-buyer');
    orderId = await deliveredOrder(buyer, [
      [alpha, lamp, 2],
      [beta, rug, 1],
    ]);
    const requestReturn = async (items: Array<{ product_id: string; quantity: number }>) => {
      const response = await api('POST', `/api/v1/orders/${orderId}/returns`, {
        token: buyer.token,
        body: { items, reason: 'Not as pictured' },
      });
      expect(response.status).toBe(201);
      return response.body.returns as Array<{ return_id: string; seller_id: string }>;
    };
    const first = await requestReturn([
      { product_id: lamp, quantity: 1 },
      { product_id: rug, quantity: 1 },
    ]);
    firstLamp = first.find((request) => request.seller_id === alpha.userId)!;
    rugReturn = first.find((request) => request.seller_id === beta.userId)!;
    secondLamp = (await requestReturn([{ product_id: lamp, quantity: 1 }]))[0]!;
  }, 60_000);

  it('lists each seller’s own returns, newest first, with what to review', async () => {
    const mine = await returnsOf(alpha);
    const theirs = await returnsOf(beta);

    expect(mine.status).toBe(200);
    expect(idsOf(mine)).toEqual([secondLamp.return_id, firstLamp.return_id]);
    expect(mine.body.next_cursor).toBeNull();
    expect(mine.body.items[1]).toEqual({
      return_id: firstLamp.return_id,
      order_id: orderId,
      seller_id: alpha.userId,
      items: [{ product_id: lamp, quantity: 1 }],
      reason: 'Not as pictured',
      status: 'requested',
      amount: 30,
      amount_cents: 3000,
      resellable: null,
      created_at: expect.any(String),
      accepted_at: null,
    });
    expect(idsOf(theirs)).toEqual([rugReturn.return_id]);
  });

  it('filters by status, and shows an accepted return as accepted', async () => {
    const accepted = await api('POST', `/api/v1/seller/returns/${firstLamp.return_id}/accept`, {
      token: alpha.token,
      body: { resellable: true },
    });
    expect(accepted.status).toBe(200);

    const done = await returnsOf(alpha, 'status=accepted');
    const toReview = await returnsOf(alpha, 'status=requested');

    expect(idsOf(done)).toEqual([firstLamp.return_id]);
    expect(done.body.items[0]).toMatchObject({
      status: 'accepted',
      resellable: true,
      accepted_at: expect.any(String),
    });
    expect(idsOf(toReview)).toEqual([secondLamp.return_id]);
    expect(idsOf(await returnsOf(beta, 'status=accepted'))).toEqual([]);
  });

  it('pages with the cursor it hands back, which no other seller can use', async () => {
    const first = await returnsOf(alpha, 'limit=1');
    expect(idsOf(first)).toEqual([secondLamp.return_id]);
    expect(first.body.next_cursor).toEqual(expect.any(String));

    const second = await returnsOf(alpha, `limit=1&cursor=${first.body.next_cursor}`);
    expect(idsOf(second)).toEqual([firstLamp.return_id]);

    const borrowed = await returnsOf(beta, `limit=1&cursor=${first.body.next_cursor}`);
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['cursor']);
  });

  it.each([
    ['status=refunded', 'status'],
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['cursor=***', 'cursor'],
    ['order_id=ord_1', 'order_id'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const response = await returnsOf(alpha, query);

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('is for sellers only', async () => {
    expect((await api('GET', '/api/v1/seller/returns')).status).toBe(401);
    expect((await api('GET', '/api/v1/seller/returns', { token: buyer.token })).status).toBe(403);
  });
});
