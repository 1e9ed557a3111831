import {
  addToCart,
  api,
  checkout,
  createProduct,
  eventually,
  newBuyer,
  settledOrder,
  signUpSeller,
} from '../support/api';

const review = (token: string, productId: string) =>
  api('POST', `/api/v1/products/${productId}/reviews`, {
    token,
    body: { rating: 4, title: 'Worth it', body: 'Does what it says.' },
  });

describe('verified purchase', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;
  let product: string;

  beforeAll(async () => {
    seller = await signUpSeller('verified-seller');
    product = (await createProduct(seller.token, { title: 'Verified Vase', price: 18, stock: 20 }))
      .product_id;
  });

  it('is not a verified purchase once the paid order was cancelled', async () => {
    const buyer = await newBuyer('cancelled-reviewer');
    await addToCart(buyer, product, 1);
    const order = await settledOrder(buyer, (await checkout(buyer)).body.order_id);
    expect(order.status).toBe('paid');
    const cancel = await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token });
    expect(cancel.status).toBe(200);

    const posted = await review(buyer.token, product);

    expect(posted.status).toBe(201);
    expect(posted.body.verified_purchase).toBe(false);
  });

  it('takes the badge off a review posted while the order was paid, once the order is cancelled', async () => {
    const buyer = await newBuyer('badge-loser');
    await addToCart(buyer, product, 1);
    const order = await settledOrder(buyer, (await checkout(buyer)).body.order_id);
    const posted = await review(buyer.token, product);
    expect(posted.body.verified_purchase).toBe(true);

    expect(
      (await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token })).status,
    ).toBe(200);

    await eventually(async () => {
      const listed = (await api('GET', `/api/v1/products/${product}/reviews`)).body.items;
      const mine = listed.find((item: { review_id: string }) => item.review_id === posted.body.review_id);
      return mine?.verified_purchase === false ? true : undefined;
    });
  });

  it('is not a verified purchase for a failed order, and is one for a paid order', async () => {
    const declined = await newBuyer('declined-reviewer', 'pm_card_chargeDeclined');
    await addToCart(declined, product, 1);
    expect((await settledOrder(declined, (await checkout(declined)).body.order_id)).status).toBe('failed');
    const paid = await newBuyer('paid-reviewer');
    await addToCart(paid, product, 1);
    expect((await settledOrder(paid, (await checkout(paid)).body.order_id)).status).toBe('paid');

    expect((await review(declined.token, product)).body.verified_purchase).toBe(false);
    expect((await review(paid.token, product)).body.verified_purchase).toBe(true);
  });
});
