import { DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { E2E_ENV } from '../setup/e2e-global-setup';
import {
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  eventually,
  localControl,
  localEndpoints,
  newBuyer,
  settledOrder,
  signUpSeller,
  stripeState,
  succeededIntentsFor,
} from '../support/api';

// Every test here places orders; they run one after another in this file so that running the
// reconciler in one test never touches another test's orders.

async function stockOf(seller: { token: string }, productId: string) {
  return (await api('GET', `/api/v1/seller/products/${productId}/inventory`, { token: seller.token })).body;
}

async function executionArnOf(orderId: string): Promise<string> {
  return `arn:aws:states:us-east-1:000000000000:execution:Checkout:${orderId}`;
}

async function sfn(): Promise<SFNClient> {
  return new SFNClient({
    endpoint: (await localEndpoints()).sfn,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function ordersEvents(detailType: string, orderId: string): Promise<any[]> {
  const response = await api('GET', `/_local/events?detail-type=${detailType}`);
  return response.body.events.filter((event: any) => event.detail.order_id === orderId);
}

describe('checkout saga', () => {
  let seller: Awaited<ReturnType<typeof signUpSeller>>;

  beforeAll(async () => {
    seller = await signUpSeller('checkout-seller');
  });

  it('takes a card order to paid: stock sold, one charge, cart emptied, OrderPaid published', async () => {
    const product = (await createProduct(seller.token, { title: 'Saga Headphones', price: 49.99, stock: 10 }))
      .product_id;
    const buyer = await newBuyer('happy');
    await addToCart(buyer, product, 3);
    const placed = await checkout(buyer);
    expect(placed.status).toBe(202);
    expect(placed.body).toEqual({
      order_id: expect.stringMatching(/^ord_/),
      status: 'pending',
      total: '$149.97',
      total_cents: 14997,
      currency: 'USD',
      estimated_delivery: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order).toMatchObject({
      status: 'paid',
      subtotal_cents: 14997,
      shipping_cents: 0,
      total_cents: 14997,
      failure_reason: null,
      lines: [
        expect.objectContaining({
          product_id: product,
          quantity: 3,
          price_at_order: 49.99,
          price_at_order_cents: 4999,
        }),
      ],
    });
    expect(order.timeline.map((entry: { status: string }) => entry.status)).toEqual(['pending', 'paid']);
    expect(await stockOf(seller, product)).toMatchObject({ available: 7, reserved: 0, sold: 3 });
    expect(succeededIntentsFor(await stripeState(), order.order_id)).toEqual([
      expect.objectContaining({ amount: 14997, currency: 'usd' }),
    ]);
    await eventually(async () =>
      (await ordersEvents('OrderPaid', order.order_id)).length > 0 ? true : undefined,
    );
    const cart = await eventually(async () => {
      const view = (await api('GET', '/api/v1/cart', { token: buyer.token })).body;
      return view.items.length === 0 ? view : undefined;
    });
    expect(cart.items).toEqual([]);
    const history = await api('GET', '/api/v1/orders', { token: buyer.token });
    expect(history.body.items[0]).toMatchObject({
      order_id: order.order_id,
      status: 'paid',
      total: '$149.97',
    });
  });

  it('snapshots the price: a later price change does not touch the order', async () => {
    const product = (await createProduct(seller.token, { title: 'Snapshot Mug', price: 8, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('snapshot');
    await addToCart(buyer, product, 1);
    const placed = await checkout(buyer);
    await api('PUT', `/api/v1/seller/products/${product}`, { token: seller.token, body: { price: 80 } });
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order.lines[0].price_at_order_cents).toBe(800);
    expect(order).toMatchObject({
      subtotal_cents: 800,
      shipping_cents: 499,
      total_cents: 1299,
      total: '$12.99',
    });
  });

  it('fails a declined card with PAYMENT_DECLINED, restores the stock and charges nothing', async () => {
    const product = (await createProduct(seller.token, { title: 'Declined Lamp', price: 20, stock: 4 }))
      .product_id;
    const buyer = await newBuyer('declined', 'pm_card_chargeDeclined');
    await addToCart(buyer, product, 2);
    const placed = await checkout(buyer);
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order).toMatchObject({ status: 'failed', failure_reason: 'PAYMENT_DECLINED' });
    expect(await stockOf(seller, product)).toMatchObject({ available: 4, reserved: 0, sold: 0 });
    expect(succeededIntentsFor(await stripeState(), order.order_id)).toEqual([]);
    // The event leaves through the orders outbox, moments after the order shows failed.
    const [failed] = await eventually(async () => {
      const found = await ordersEvents('OrderFailed', order.order_id);
      return found.length > 0 ? found : undefined;
    });
    expect(failed.detail.failure_reason).toBe('PAYMENT_DECLINED');
  });

  it('retries a provider that answers 5xx twice and charges exactly once', async () => {
    const product = (await createProduct(seller.token, { title: 'Flaky Kettle', price: 40, stock: 3 }))
      .product_id;
    const buyer = await newBuyer('flaky', 'pm_card_bazaar_flaky_2');
    await addToCart(buyer, product, 1);
    const placed = await checkout(buyer);
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order.status).toBe('paid');
    const state = await stripeState();
    expect(state.intents.filter((intent) => intent.metadata?.order_id === order.order_id)).toHaveLength(1);
    expect(succeededIntentsFor(state, order.order_id)).toHaveLength(1);
    expect(await stockOf(seller, product)).toMatchObject({ sold: 1, reserved: 0 });
  });

  it('creates one order when the same checkout is sent twice at once with one Idempotency-Key', async () => {
    const product = (await createProduct(seller.token, { title: 'Idempotent Chair', price: 60, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('idempotent');
    await addToCart(buyer, product, 1);
    const key = `checkout-${buyer.userId}`;
    const [first, second] = await Promise.all([checkout(buyer, key), checkout(buyer, key)]);
    const statuses = [first.status, second.status].sort();
    // Either both get the same 202, or the later one is told the first is still in progress.
    expect([
      ['202', '202'],
      ['202', '409'],
    ]).toContainEqual(statuses.map(String));
    const accepted = [first, second].filter((r) => r.status === 202);
    expect(new Set(accepted.map((r) => r.body.order_id)).size).toBe(1);
    const orderId = accepted[0]!.body.order_id;
    await settledOrder(buyer, orderId);
    const replay = await checkout(buyer, key);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(accepted[0]!.body);
    const history = await api('GET', '/api/v1/orders', { token: buyer.token });
    expect(history.body.items).toHaveLength(1);
    const otherBody = await api('POST', '/api/v1/orders/checkout', {
      token: buyer.token,
      body: { shipping_address_id: buyer.addressId, payment_method_id: 'pm_01JOTHERMETHOD0000000000000' },
      headers: { 'idempotency-key': key },
    });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('charges once when a saga step is delivered twice', async () => {
    const product = (await createProduct(seller.token, { title: 'Twice Delivered Rug', price: 35, stock: 3 }))
      .product_id;
    const buyer = await newBuyer('duplicate-step');
    await addToCart(buyer, product, 1);
    const placed = await checkout(buyer);
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order.status).toBe('paid');
    const step = 'functions/payments/handlers/charge-step.handler';
    const again = await Promise.all(
      [1, 2].map(() =>
        localControl('/_local/invoke', { handler: step, event: { order_id: order.order_id } }),
      ),
    );
    expect(again.map((r) => r.result?.status)).toEqual(['charged', 'charged']);
    expect(succeededIntentsFor(await stripeState(), order.order_id)).toHaveLength(1);
    const confirm = await localControl('/_local/invoke', {
      handler: 'functions/inventory/handlers/confirm-step.handler',
      event: { order_id: order.order_id },
    });
    expect(confirm.result).toEqual({ state: 'committed', changed: false });
    expect(await stockOf(seller, product)).toMatchObject({ sold: 1, available: 2 });
  });

  it('lets the reconciler finish a saga stopped between charge and confirm', async () => {
    const product = (await createProduct(seller.token, { title: 'Stopped Saga Stool', price: 25, stock: 2 }))
      .product_id;
    const buyer = await newBuyer('stopped', 'pm_card_bazaar_hang');
    await addToCart(buyer, product, 1);
    await localControl('/_local/stripe/webhooks', { enabled: false });
    try {
      const placed = await checkout(buyer);
      const orderId = placed.body.order_id;
      // The hanging card has charged (the provider's answer is what hangs).
      await eventually(
        async () => (succeededIntentsFor(await stripeState(), orderId).length ? true : undefined),
        10_000,
      );
      const client = await sfn();
      await client.send(
        new StopExecutionCommand({ executionArn: await executionArnOf(orderId), cause: 'test' }),
      );
      const described = await client.send(
        new DescribeExecutionCommand({ executionArn: await executionArnOf(orderId) }),
      );
      expect(described.status).toBe('ABORTED');
      expect((await api('GET', `/api/v1/orders/${orderId}`, { token: buyer.token })).body.status).toBe(
        'pending',
      );
      const run = await localControl('/_local/schedules/ReconcilePendingOrders/run', {
        older_than_seconds: 0,
        order_id: orderId,
      });
      expect(run.result.reconciled[orderId]).toBe('paid');
      const order = await settledOrder(buyer, orderId);
      expect(order.status).toBe('paid');
      expect(succeededIntentsFor(await stripeState(), orderId)).toHaveLength(1);
      expect(await stockOf(seller, product)).toMatchObject({ sold: 1, reserved: 0, available: 1 });
    } finally {
      await localControl('/_local/stripe/webhooks', { enabled: true });
    }
  }, 60_000);

  it('never sells twice nor charges without an order when a charge hangs past the reservation’s expiry', async () => {
    const product = (await createProduct(seller.token, { title: 'Last Lantern', price: 30, stock: 1 }))
      .product_id;
    const slow = await newBuyer('hanging', 'pm_card_bazaar_hang');
    const rival = await newBuyer('rival');
    await addToCart(slow, product, 1);
    await addToCart(rival, product, 1);
    // Without Stripe's webhook the order stays pending for the whole hang, as when the webhook is late.
    await localControl('/_local/stripe/webhooks', { enabled: false });
    const placed = await checkout(slow);
    await eventually(
      async () => (succeededIntentsFor(await stripeState(), placed.body.order_id).length ? true : undefined),
      10_000,
    );
    // The unit was reserved before the charge began, so its reservation has expired one TTL from
    // now. Expiry is a time, so this waits on the clock; then the sweeper runs (rather than
    // trusting its timer to have come round) while the charge still hangs, and must not free it.
    const ttlMs = Number(E2E_ENV.RESERVATION_TTL_SECONDS) * 1000;
    await new Promise((resolve) => setTimeout(resolve, ttlMs + 50));
    await localControl('/_local/schedules/ReleaseExpiredReservations/run', {});
    expect(await stockOf(seller, product)).toMatchObject({ available: 0, reserved: 1 });
    const rivalOrder = await checkout(rival);
    const rivalSettled = await settledOrder(rival, rivalOrder.body.order_id);
    expect(rivalSettled).toMatchObject({ status: 'failed', failure_reason: 'OUT_OF_STOCK' });
    const order = await settledOrder(slow, placed.body.order_id, 40_000).finally(() =>
      localControl('/_local/stripe/webhooks', { enabled: true }),
    );
    expect(order.status).toBe('paid');
    expect(await stockOf(seller, product)).toMatchObject({ available: 0, reserved: 0, sold: 1 });
    const state = await stripeState();
    expect(succeededIntentsFor(state, placed.body.order_id)).toHaveLength(1);
    expect(succeededIntentsFor(state, rivalOrder.body.order_id)).toHaveLength(0);
  }, 90_000);

  it('sells exactly 20 units to 200 racing buyers: 20 paid, 180 OUT_OF_STOCK, money charged = their totals', async () => {
    const product = (await createProduct(seller.token, { title: 'Flash Sale Console', price: 10, stock: 20 }))
      .product_id;
    const buyers: Buyer[] = [];
    for (let batch = 0; batch < 10; batch++) {
      buyers.push(
        ...(await Promise.all(Array.from({ length: 20 }, (_, i) => newBuyer(`racer-${batch}-${i}`)))),
      );
    }
    await Promise.all(buyers.map((buyer) => addToCart(buyer, product, 1)));
    const placed = await Promise.all(buyers.map((buyer) => checkout(buyer)));
    expect(placed.every((response) => response.status === 202)).toBe(true);
    const orders = await Promise.all(
      buyers.map((buyer, i) => settledOrder(buyer, placed[i]!.body.order_id, 120_000)),
    );
    const paid = orders.filter((order) => order.status === 'paid');
    const failed = orders.filter((order) => order.status === 'failed');
    expect(paid).toHaveLength(20);
    expect(failed).toHaveLength(180);
    expect(new Set(failed.map((order) => order.failure_reason))).toEqual(new Set(['OUT_OF_STOCK']));
    const state = await stripeState();
    const charged = orders.flatMap((order) => succeededIntentsFor(state, order.order_id));
    expect(charged).toHaveLength(20);
    expect(charged.reduce((sum, intent) => sum + intent.amount, 0)).toBe(
      paid.reduce((sum, order) => sum + order.total_cents, 0),
    );
    expect(await stockOf(seller, product)).toMatchObject({ available: 0, reserved: 0, sold: 20 });
  }, 240_000);
});

describe('wallet', () => {
  it('tops up once per Idempotency-Key, pays by wallet, and refunds nothing it did not take; balance = ledger', async () => {
    const seller = await signUpSeller('wallet-seller');
    const product = (await createProduct(seller.token, { title: 'Wallet Widget', price: 15, stock: 5 }))
      .product_id;
    const buyer = await newBuyer('wallet', 'wallet');
    const card = (
      await api('POST', '/api/v1/payment-methods', {
        token: buyer.token,
        body: { type: 'card', token: 'pm_card_visa' },
      })
    ).body;
    const topUp = (key: string) =>
      api('POST', '/api/v1/wallet/top-ups', {
        token: buyer.token,
        body: { amount: 25.0, payment_method_id: card.payment_method_id },
        headers: { 'idempotency-key': key },
      });
    expect((await topUp('top-1')).body.balance_cents).toBe(2500);
    expect((await topUp('top-1')).body.balance_cents).toBe(2500);
    await addToCart(buyer, product, 1);
    const placed = await checkout(buyer);
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order).toMatchObject({ status: 'paid', total_cents: 1999 });
    // The paid order holds the cart until OrderPaid (out through the orders outbox) has emptied it.
    await eventually(async () =>
      (await api('GET', '/api/v1/cart', { token: buyer.token })).body.items.length === 0 ? true : undefined,
    );
    const wallet = (await api('GET', '/api/v1/wallet', { token: buyer.token })).body;
    expect(wallet.balance_cents).toBe(501);
    expect(
      wallet.ledger.reduce((sum: number, entry: { amount_cents: number }) => sum + entry.amount_cents, 0),
    ).toBe(wallet.balance_cents);

    await addToCart(buyer, product, 1);
    const broke = await checkout(buyer);
    const failed = await settledOrder(buyer, broke.body.order_id);
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'WALLET_INSUFFICIENT_FUNDS' });
    const after = (await api('GET', '/api/v1/wallet', { token: buyer.token })).body;
    expect(after.balance_cents).toBe(501);
    expect(
      after.ledger.reduce((sum: number, entry: { amount_cents: number }) => sum + entry.amount_cents, 0),
    ).toBe(501);
  });
});

describe('checkout input', () => {
  it('refuses an empty cart (409), others’ addresses and payment methods (404), and bad bodies (400)', async () => {
    const buyer = await newBuyer('edge');
    const other = await newBuyer('edge-other');
    const empty = await checkout(buyer);
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe('CART_EMPTY');
    const seller = await signUpSeller('edge-seller');
    const product = (await createProduct(seller.token, { stock: 5 })).product_id;
    await addToCart(buyer, product, 1);
    const foreignAddress = await checkout({ ...buyer, addressId: other.addressId });
    expect(foreignAddress.status).toBe(404);
    expect(foreignAddress.body.error.details.fields[0].field).toBe('shipping_address_id');
    const foreignMethod = await checkout({ ...buyer, paymentMethodId: other.paymentMethodId });
    expect(foreignMethod.status).toBe(404);
    const missing = await api('POST', '/api/v1/orders/checkout', {
      token: buyer.token,
      body: { shipping_address_id: buyer.addressId },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].field).toBe('payment_method_id');
    expect((await api('GET', '/api/v1/orders', { token: buyer.token })).body.items).toEqual([]);
  });

  it('rejects card numbers as payment tokens without echoing them', async () => {
    const buyer = await newBuyer('pan');
    const response = await api('POST', '/api/v1/payment-methods', {
      token: buyer.token,
      body: { type: 'card', token: '4242 4242 4242 4242' },
    });
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('4242 4242');
    expect(response.body.error.details.fields[0].field).toBe('token');
    const unknown = await api('POST', '/api/v1/payment-methods', {
      token: buyer.token,
      body: { type: 'card', token: 'pm_card_nonsense' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('INVALID_PAYMENT_TOKEN');
  });

  it('hides other users’ orders (404)', async () => {
    const buyer = await newBuyer('private');
    const snoop = await newBuyer('snoop');
    const seller = await signUpSeller('private-seller');
    const product = (await createProduct(seller.token, { stock: 5 })).product_id;
    await addToCart(buyer, product, 1);
    const placed = await checkout(buyer);
    expect((await api('GET', `/api/v1/orders/${placed.body.order_id}`, { token: snoop.token })).status).toBe(
      404,
    );
    await settledOrder(buyer, placed.body.order_id);
  });
});
