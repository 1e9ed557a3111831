import Stripe from 'stripe';
import { type StripeTestServer, startStripeServer } from '../../../local/stripe-server';

const DAY_MS = 24 * 60 * 60 * 1000;
const clock = { now: Date.now() };
let server: StripeTestServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startStripeServer({ now: () => clock.now });
  stripe = new Stripe('sk_test_lookups', {
    host: server.host,
    port: server.port,
    protocol: server.protocol,
    maxNetworkRetries: 0,
  });
});
afterAll(() => server.stop());

let counter = 0;
const unique = (label: string) => `${label}-${Date.now()}-${++counter}`;

async function succeededIntent(metadata: Record<string, string>, amount = 5000) {
  return stripe.paymentIntents.create(
    { amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, metadata },
    { idempotencyKey: unique('pi') },
  );
}

describe('the local Stripe server: what Stripe forgets and how things are found again', () => {
  it('replays a key for 24 hours, then forgets it: the same request makes a second refund', async () => {
    const intent = await succeededIntent({ order_id: unique('ord') });
    const key = unique('refund');
    const first = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 1000 },
      { idempotencyKey: key },
    );

    clock.now += DAY_MS - 60_000;
    const replayed = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 1000 },
      { idempotencyKey: key },
    );
    clock.now += 2 * 60_000;
    const afresh = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 1000 },
      { idempotencyKey: key },
    );

    expect(replayed.id).toBe(first.id);
    expect(afresh.id).not.toBe(first.id);
  });

  it('honours a shorter idempotency TTL when configured', async () => {
    const short = await startStripeServer({ idempotencyTtlMs: 50 });
    const client = new Stripe('sk_test_short', {
      host: short.host,
      port: short.port,
      protocol: short.protocol,
    });
    try {
      const create = () =>
        client.paymentIntents.create({ amount: 500, currency: 'usd' }, { idempotencyKey: 'same-key' });
      const first = await create();
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await create()).id).not.toBe(first.id);
    } finally {
      await short.stop();
    }
  });

  it("lists a PaymentIntent's refunds, newest first, with their metadata, page by page", async () => {
    const intent = await succeededIntent({ order_id: unique('ord') });
    const other = await succeededIntent({ order_id: unique('ord') });
    for (const key of ['a', 'b', 'c']) {
      await stripe.refunds.create({ payment_intent: intent.id, amount: 100, metadata: { refund_key: key } });
    }
    await stripe.refunds.create({ payment_intent: other.id, amount: 100, metadata: { refund_key: 'x' } });

    const firstPage = await stripe.refunds.list({ payment_intent: intent.id, limit: 2 });
    const all: string[] = [];
    for await (const refund of stripe.refunds.list({ payment_intent: intent.id, limit: 2 })) {
      all.push(refund.metadata!.refund_key!);
    }

    expect(firstPage.has_more).toBe(true);
    expect(firstPage.data.map((refund) => refund.metadata!.refund_key)).toEqual(['c', 'b']);
    expect(all).toEqual(['c', 'b', 'a']);
  });

  it('finds a PaymentIntent by its metadata with the search API', async () => {
    const orderId = unique('ord');
    const intent = await succeededIntent({ order_id: orderId, payment_id: 'pay_1' });
    await succeededIntent({ order_id: unique('ord'), payment_id: 'pay_1' });

    const found = await stripe.paymentIntents.search({
      query: `metadata['order_id']:'${orderId}' AND metadata['payment_id']:'pay_1'`,
    });
    const none = await stripe.paymentIntents.search({ query: `metadata['order_id']:'${unique('ord')}'` });

    expect(found.data.map((candidate) => candidate.id)).toEqual([intent.id]);
    expect(none.data).toEqual([]);
  });

  it('refuses a search query it does not understand, as a 400', async () => {
    await expect(stripe.paymentIntents.search({ query: 'amount>100' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'query',
    });
  });
});
