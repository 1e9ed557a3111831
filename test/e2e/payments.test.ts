import {
  addToCart,
  api,
  checkout,
  createProduct,
  eventually,
  localControl,
  newBuyer,
  settledOrder,
  signUpSeller,
  stripeState,
} from '../support/api';

async function refundedAtStripe(orderId: string): Promise<number> {
  const state = await stripeState();
  const intent = state.intents.find((candidate) => candidate.metadata?.order_id === orderId);
  return state.refunds
    .filter((refund) => refund.payment_intent === intent?.id)
    .reduce((sum, refund) => sum + refund.amount, 0);
}

describe('wallet top-ups', () => {
  it('counts the whole Idempotency-Key: keys that differ only at the end are two top-ups, each charged and credited', async () => {
    const buyer = await newBuyer('wallet-keys', 'wallet');
    const card = (
      await api('POST', '/api/v1/payment-methods', {
        token: buyer.token,
        body: { type: 'card', token: 'pm_card_visa' },
      })
    ).body;
    const topUp = (key: string) =>
      api('POST', '/api/v1/wallet/top-ups', {
        token: buyer.token,
        body: { amount: 12.5, payment_method_id: card.payment_method_id },
        headers: { 'idempotency-key': key },
      });
    const sharedPrefix = `top-up-${buyer.userId}-2026-12-02-`;

    const first = await topUp(`${sharedPrefix}a1111`);
    const second = await topUp(`${sharedPrefix}a2222`);
    const repeat = await topUp(`${sharedPrefix}a2222`);

    expect([first.status, second.status, repeat.status]).toEqual([201, 201, 201]);
    expect(first.body.balance_cents).toBe(1250);
    expect(second.body.balance_cents).toBe(2500);
    expect(repeat.body.balance_cents).toBe(2500);
    const wallet = (await api('GET', '/api/v1/wallet', { token: buyer.token })).body;
    expect(wallet.ledger.filter((entry: { kind: string }) => entry.kind === 'top_up')).toHaveLength(2);
    const charged = (await stripeState()).intents.filter(
      (intent) => intent.metadata?.user_id === buyer.userId && intent.status === 'succeeded',
    );
    expect(charged).toHaveLength(2);
  });
});

describe('a refund that fails at the provider', () => {
  let faultId: string | undefined;
  afterEach(async () => {
    if (faultId) await api('DELETE', `/_local/faults/${faultId}`);
  });

  it('does not hold back a cancellation: the stock goes back at once, and the retry schedule refunds the card once', async () => {
    const seller = await signUpSeller('refund-outage-seller');
    const product = (await createProduct(seller.token, { title: 'Outage Kettle', price: 40, stock: 6 }))
      .product_id;
    const buyer = await newBuyer('refund-outage');
    await addToCart(buyer, product, 2);
    const placed = await checkout(buyer);
    const order = await settledOrder(buyer, placed.body.order_id);
    expect(order.status).toBe('paid');

    // Only this order's refunds fail: other files share the platform.
    faultId = (
      await localControl('/_local/faults', {
        kind: 'stripe:api-error',
        target: { operation: 'refunds.create', contains: order.order_id },
      })
    ).faults[0].id;
    const cancelled = await api('POST', `/api/v1/orders/${order.order_id}/cancel`, { token: buyer.token });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const stock = await api('GET', `/api/v1/seller/products/${product}/inventory`, { token: seller.token });
    expect(stock.body).toMatchObject({ available: 6, sold: 0 });
    expect(await refundedAtStripe(order.order_id)).toBe(0);

    await api('DELETE', `/_local/faults/${faultId}`);
    const run = await localControl('/_local/schedules/RetryRequestedRefunds/run', { older_than_seconds: 0 });

    expect(run.result.stillRequested).toEqual([]);
    await eventually(async () =>
      (await refundedAtStripe(order.order_id)) === order.total_cents ? true : undefined,
    );
    await localControl('/_local/schedules/RetryRequestedRefunds/run', { older_than_seconds: 0 });
    expect(await refundedAtStripe(order.order_id)).toBe(order.total_cents);
  });
});

describe('Stripe webhook', () => {
  it('refuses an event whose Stripe-Signature does not verify with 400, naming the header', async () => {
    const body = JSON.stringify({ type: 'payment_intent.succeeded', data: { object: { id: 'pi_forged' } } });
    const forged = await api('POST', '/api/v1/payments/webhooks/stripe', {
      rawBody: body,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatchObject({
      code: 'INVALID_SIGNATURE',
      details: { fields: [{ field: 'Stripe-Signature', message: 'does not verify' }] },
    });
  });
});
