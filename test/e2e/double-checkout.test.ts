import {
  addToCart,
  api,
  checkout,
  createProduct,
  eventually,
  newBuyer,
  settledOrder,
  signUpSeller,
  stripeState,
  succeededIntentsFor,
} from '../support/api';

// Checkout claims the cart version it converts, in the transaction that records the order.

const stockOf = async (seller: { token: string }, productId: string) =>
  (await api('GET', `/api/v1/seller/products/${productId}/inventory`, { token: seller.token })).body;

const orderHistory = async (buyer: { token: string }) =>
  (await api('GET', '/api/v1/orders', { token: buyer.token })).body.items as Array<{ order_id: string }>;

describe('double checkout', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;

  beforeAll(async () => {
    seller = await signUpSeller('double-click-seller');
  });

  it('charges once and sells the cart once when three checkouts of one cart race without an Idempotency-Key', async () => {
    const product = (await createProduct(seller.token, { title: 'Double Click Drill', price: 40, stock: 10 }))
      .product_id;
    const buyer = await newBuyer('double-click');
    await addToCart(buyer, product, 2);

    const responses = await Promise.all([checkout(buyer), checkout(buyer), checkout(buyer)]);

    for (const response of responses) {
      if (response.status === 409) expect(response.body.error.code).toBe('CHECKOUT_IN_PROGRESS');
      else expect(response.status).toBe(202);
    }
    const accepted = responses.filter((response) => response.status === 202);
    expect(accepted.length).toBeGreaterThan(0);
    const orderIds = new Set(accepted.map((response) => response.body.order_id));
    expect(orderIds.size).toBe(1);
    const [orderId] = [...orderIds] as [string];
    const order = await settledOrder(buyer, orderId);
    expect(order.status).toBe('paid');
    expect(await orderHistory(buyer)).toEqual([expect.objectContaining({ order_id: orderId })]);
    const state = await stripeState();
    const charged = state.intents.filter(
      (intent) => intent.status === 'succeeded' && intent.metadata?.order_id?.startsWith('ord_'),
    );
    expect(charged.filter((intent) => intent.metadata.order_id === orderId)).toHaveLength(1);
    expect(await stockOf(seller, product)).toMatchObject({ available: 8, reserved: 0, sold: 2 });
    // The paid order's cart clean-up still happens, and it frees the cart for the next purchase.
    await eventually(async () => {
      const cart = (await api('GET', '/api/v1/cart', { token: buyer.token })).body;
      return cart.items.length === 0 ? true : undefined;
    });
    await addToCart(buyer, product, 1);
    const next = await checkout(buyer);
    expect(next.status).toBe(202);
    expect(next.body.order_id).not.toBe(orderId);
    expect((await settledOrder(buyer, next.body.order_id)).status).toBe('paid');
  });

  it('answers the first order when the client retries after a timeout, with or without a new Idempotency-Key', async () => {
    const product = (await createProduct(seller.token, { title: 'Timeout Toaster', price: 30, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('timeout-retry');
    await addToCart(buyer, product, 1);
    const first = await checkout(buyer, `first-${buyer.userId}`);
    expect(first.status).toBe(202);

    const retried = await checkout(buyer);
    const retriedWithNewKey = await checkout(buyer, `second-${buyer.userId}`);

    for (const response of [retried, retriedWithNewKey]) {
      expect(response.status).toBe(202);
      expect(response.body.order_id).toBe(first.body.order_id);
    }
    const order = await settledOrder(buyer, first.body.order_id);
    expect(order.status).toBe('paid');
    expect(await orderHistory(buyer)).toHaveLength(1);
    expect(succeededIntentsFor(await stripeState(), first.body.order_id)).toHaveLength(1);
    expect(await stockOf(seller, product)).toMatchObject({ sold: 1, reserved: 0 });
  });

  it('keeps the cart of a declined order, so a retry with another card is a new order that is paid', async () => {
    const product = (await createProduct(seller.token, { title: 'Second Card Stool', price: 20, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('second-card', 'pm_card_chargeDeclined');
    await addToCart(buyer, product, 2);
    const declined = await settledOrder(buyer, (await checkout(buyer)).body.order_id);
    expect(declined).toMatchObject({ status: 'failed', failure_reason: 'PAYMENT_DECLINED' });
    const cart = (await api('GET', '/api/v1/cart', { token: buyer.token })).body;
    expect(cart.items).toEqual([expect.objectContaining({ product_id: product, quantity: 2 })]);

    const visa = await api('POST', '/api/v1/payment-methods', {
      token: buyer.token,
      body: { type: 'card', token: 'pm_card_visa' },
    });
    const retry = await checkout({ ...buyer, paymentMethodId: visa.body.payment_method_id });

    expect(retry.status).toBe(202);
    expect(retry.body.order_id).not.toBe(declined.order_id);
    const paid = await settledOrder(buyer, retry.body.order_id);
    expect(paid.status).toBe('paid');
    expect(succeededIntentsFor(await stripeState(), retry.body.order_id)).toHaveLength(1);
    expect(await stockOf(seller, product)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
  });
});
