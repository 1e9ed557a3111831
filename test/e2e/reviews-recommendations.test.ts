import { OrderPaid } from '../../functions/orders/events';
import {
  addToCart,
  api,
  checkout,
  createProduct,
  eventually,
  localControl,
  newBuyer,
  publishTestEvent,
  settledOrder,
  signUp,
  signUpSeller,
} from '../support/api';
import { deliveredEverywhere, deliveryTo } from '../support/bus';

const review = (token: string, productId: string, body: object) =>
  api('POST', `/api/v1/products/${productId}/reviews`, { token, body });

describe('reviews', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let product: string;

  beforeAll(async () => {
    seller = await signUpSeller('reviewed-seller');
    product = (
      await createProduct(seller.token, {
        title: 'Reviewed Teapot',
        price: 25,
        category: 'kitchen',
        stock: 20,
      })
    ).product_id;
  });

  it('takes one review per customer, marks verified purchases, and keeps the rating exact on the product', async () => {
    const buyer = await newBuyer('verified-reviewer');
    await addToCart(buyer, product, 1);
    await settledOrder(buyer, (await checkout(buyer)).body.order_id);
    const verified = (await review(buyer.token, product, { rating: 5, title: 'Lovely', body: 'Pours well.' }))
      .body;
    expect(verified).toMatchObject({
      rating: 5,
      verified_purchase: true,
      helpful_count: 0,
      review_id: expect.stringMatching(/^rev_/),
    });
    const again = await review(buyer.token, product, { rating: 1, title: 'Again', body: 'Second try' });
    expect(again.status).toBe(409);

    const stranger = await signUp('stranger-reviewer');
    const unverified = await review(stranger.token, product, {
      rating: 2,
      title: 'Meh',
      body: 'Chipped lid.',
    });
    expect(unverified.body.verified_purchase).toBe(false);

    const page = await eventually(async () => {
      const body = (await api('GET', `/api/v1/products/${product}`)).body;
      return body.review_count === 2 ? body : undefined;
    }, 5000);
    expect(page).toMatchObject({
      avg_rating: 3.5,
      review_count: 2,
      reviews: { average: 3.5, count: 2, histogram: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } },
    });
  });

  it('refuses markup, bad ratings, and sellers reviewing their own products', async () => {
    const writer = await signUp('markup');
    const html = await review(writer.token, product, {
      rating: 4,
      title: 'Nice',
      body: '<script>alert(1)</script>',
    });
    expect(html.status).toBe(400);
    expect(html.body.error.details.fields[0].field).toBe('body');
    expect((await review(writer.token, product, { rating: 6, title: 'x', body: 'y' })).status).toBe(400);
    expect((await review(seller.token, product, { rating: 5, title: 'Mine', body: 'Best' })).status).toBe(
      403,
    );
    expect(
      (await review(writer.token, 'prod_01JUNKNOWNPRODUCT000000000', { rating: 3, title: 'x', body: 'y' }))
        .status,
    ).toBe(404);
  });

  it('lists with a histogram, sorts and filters, counts helpful votes once, and follows edits and deletes', async () => {
    const item = (await createProduct(seller.token, { title: 'Review Sorting Kettle', category: 'kitchen' }))
      .product_id;
    const authors = await Promise.all([1, 2, 3].map((i) => signUp(`sorter-${i}`)));
    const posted = [];
    for (const [i, author] of authors.entries()) {
      posted.push(
        (await review(author.token, item, { rating: i + 3, title: `Review ${i}`, body: `Body ${i}` })).body,
      );
    }
    const list = await api('GET', `/api/v1/products/${item}/reviews?sort=rating_desc`);
    expect(list.body.items.map((r: { rating: number }) => r.rating)).toEqual([5, 4, 3]);
    expect(list.body.summary).toEqual({
      average: 4,
      count: 3,
      histogram: { '1': 0, '2': 0, '3': 1, '4': 1, '5': 1 },
    });
    expect((await api('GET', `/api/v1/products/${item}/reviews?rating=4`)).body.items).toHaveLength(1);

    const voter = await signUp('voter');
    const vote = await api('POST', `/api/v1/reviews/${posted[0].review_id}/helpful`, { token: voter.token });
    expect(vote.body).toEqual({ review_id: posted[0].review_id, helpful_count: 1 });
    expect(
      (await api('POST', `/api/v1/reviews/${posted[0].review_id}/helpful`, { token: voter.token })).status,
    ).toBe(409);
    const helpful = await api('GET', `/api/v1/products/${item}/reviews?sort=helpful`);
    expect(helpful.body.items[0].review_id).toBe(posted[0].review_id);

    const edited = await api('PUT', `/api/v1/reviews/${posted[0].review_id}`, {
      token: authors[0]!.token,
      body: { rating: 1 },
    });
    expect(edited.body.rating).toBe(1);
    expect(
      (
        await api('PUT', `/api/v1/reviews/${posted[0].review_id}`, {
          token: voter.token,
          body: { rating: 5 },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api('DELETE', `/api/v1/reviews/${posted[2].review_id}`, { token: authors[2]!.token })).status,
    ).toBe(204);
    const after = (await api('GET', `/api/v1/products/${item}/reviews`)).body.summary;
    expect(after).toEqual({ average: 2.5, count: 2, histogram: { '1': 1, '2': 0, '3': 0, '4': 1, '5': 0 } });
  });
});

describe('recommendations', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let phone: string;
  let case_: string;
  let charger: string;

  beforeAll(async () => {
    seller = await signUpSeller('recs-seller');
    phone = (
      await createProduct(seller.token, { title: 'Recs Phone', category: 'phones', price: 300, stock: 50 })
    ).product_id;
    case_ = (
      await createProduct(seller.token, {
        title: 'Recs Phone Case',
        category: 'accessories',
        price: 15,
        stock: 50,
      })
    ).product_id;
    charger = (
      await createProduct(seller.token, {
        title: 'Recs Charger',
        category: 'accessories',
        price: 20,
        stock: 50,
      })
    ).product_id;
  });

  it('counts co-purchases once per order, even when the event is replayed', async () => {
    const order = (lines: Array<[string, number]>, orderId: string) =>
      publishTestEvent(
        'bazaar.orders',
        'OrderPaid',
        OrderPaid.build({
          eventId: `evt_${orderId.slice(4)}_OrderPaid_v2`,
          order_id: orderId,
          user_id: 'usr_RECSBUYER',
          status: 'paid',
          total_cents: 0,
          refunded_cents: 0,
          currency: 'USD',
          failure_reason: null,
          seller_ids: [],
          version: 2,
          lines: lines.map(([product_id, quantity]) => ({
            product_id,
            seller_id: 'usr_SELLER',
            quantity,
            price_at_order_cents: 0,
          })),
        }).detail,
      );
    const first = `ord_RECS${Date.now()}A`;
    const withCase: Array<[string, number]> = [
      [phone, 1],
      [case_, 1],
    ];
    // The replay must be handled too before the counts can show it was ignored.
    const delivered = await deliveredEverywhere([
      await order(withCase, first),
      await order(withCase, first),
      await order([...withCase, [charger, 1]], `ord_RECS${Date.now()}B`),
    ]);
    expect(delivered.map((event) => deliveryTo(event, 'RecommendationsOnOrderPaid'))).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
    const recs = (await api('GET', `/api/v1/products/${phone}/recommendations?type=bought_together&limit=10`))
      .body;
    expect(
      recs.items.map((item: { product_id: string; score: number }) => [item.product_id, item.score]),
    ).toEqual([
      [case_, 2],
      [charger, 1],
    ]);
  });

  it('shows the co-purchases on the product page, from the page record the events keep', async () => {
    const page = await eventually(async () => {
      const body = (await api('GET', `/api/v1/products/${phone}`)).body;
      return body.frequently_bought_together?.length === 2 ? body : undefined;
    }, 10_000);
    expect(
      page.frequently_bought_together.map((item: { product_id: string; score: number }) => [
        item.product_id,
        item.score,
      ]),
    ).toEqual([
      [case_, 2],
      [charger, 1],
    ]);
  });

  it('leaves out products that sell out', async () => {
    await api('PUT', `/api/v1/seller/products/${charger}/inventory`, {
      token: seller.token,
      body: { stock_delta: -50 },
    });
    const recs = await eventually(async () => {
      const body = (await api('GET', `/api/v1/products/${phone}/recommendations`)).body;
      return body.items.every((item: { product_id: string }) => item.product_id !== charger)
        ? body
        : undefined;
    }, 5000);
    expect(recs.items.map((item: { product_id: string }) => item.product_id)).toEqual([case_]);
    const page = await eventually(async () => {
      const body = (await api('GET', `/api/v1/products/${phone}`)).body;
      return body.frequently_bought_together?.length === 1 ? body : undefined;
    }, 10_000);
    expect(page.frequently_bought_together.map((item: { product_id: string }) => item.product_id)).toEqual([
      case_,
    ]);
    await api('PUT', `/api/v1/seller/products/${charger}/inventory`, {
      token: seller.token,
      body: { stock_delta: 50 },
    });
  });

  it('recommends from browsing (views by beacon, cart adds) and gives newcomers best sellers', async () => {
    const shopper = await newBuyer('browser');
    const beacon = await api('POST', '/api/v1/recommendations/views', {
      token: shopper.token,
      body: { product_id: phone },
    });
    expect(beacon.status).toBe(202);
    expect((await api('POST', '/api/v1/recommendations/views', { body: { product_id: phone } })).status).toBe(
      202,
    );
    const personal = await eventually(async () => {
      const body = (await api('GET', '/api/v1/recommendations', { token: shopper.token })).body;
      return body.basis === 'history' && body.items.length > 0 ? body : undefined;
    }, 5000);
    expect(personal.items[0]).toMatchObject({ product_id: case_, reason: 'bought_together' });
    expect(personal.items.map((item: { product_id: string }) => item.product_id)).not.toContain(phone);

    const newcomer = await api('GET', '/api/v1/recommendations?category=accessories');
    expect(newcomer.body.basis).toBe('best_sellers');
    expect(newcomer.body.items.map((item: { product_id: string }) => item.product_id)).toContain(case_);
  });
});

describe('feature flags', () => {
  afterEach(async () => {
    await localControl('/_local/flags', { reviews: true, recommendations: true });
  });

  it('switches reviews and recommendations off for a sale: 503 FEATURE_DISABLED, and the product page leaves them out', async () => {
    const seller = await signUpSeller('flag-seller');
    const product = (await createProduct(seller.token, { title: 'Flagged Fan', category: 'home' }))
      .product_id;
    const on = (await api('GET', `/api/v1/products/${product}`)).body;
    expect(on).toHaveProperty('reviews');
    expect(on).toHaveProperty('frequently_bought_together');

    await localControl('/_local/flags', { reviews: false, recommendations: false });
    const reviews = await api('GET', `/api/v1/products/${product}/reviews`);
    expect(reviews.status).toBe(503);
    expect(reviews.body.error.code).toBe('FEATURE_DISABLED');
    expect((await api('GET', '/api/v1/recommendations')).status).toBe(503);
    expect(
      (await api('POST', '/api/v1/recommendations/views', { body: { product_id: product } })).status,
    ).toBe(503);
    const page = await api('GET', `/api/v1/products/${product}`);
    expect(page.status).toBe(200);
    expect(page.body.title).toBe('Flagged Fan');
    expect(page.body).not.toHaveProperty('reviews');
    expect(page.body).not.toHaveProperty('frequently_bought_together');

    await localControl('/_local/flags', { reviews: true });
    expect((await api('GET', `/api/v1/products/${product}/reviews`)).status).toBe(200);
    expect((await api('GET', '/api/v1/recommendations')).status).toBe(503);
  });
});
