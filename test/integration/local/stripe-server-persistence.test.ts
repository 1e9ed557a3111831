import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { type StripeTestServer, startStripeServer } from '../../../local/stripe-server';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * With a data dir, a restarted Stripe-compatible server is the same provider: what was charged
 * and refunded, and what each Idempotency-Key answered, are still there (and keys still expire
 * 24 h after their first use, on the server's clock).
 */
describe('the local Stripe server with a data dir', () => {
  let dir: string;
  const clock = { now: Date.now() };
  const servers: StripeTestServer[] = [];
  const open = async () => {
    const server = await startStripeServer({ dataDir: dir, now: () => clock.now, hangMs: 60_000 });
    servers.push(server);
    const client = new Stripe('sk_test_persist', {
      host: server.host,
      port: server.port,
      protocol: server.protocol,
      maxNetworkRetries: 0,
    });
    return { server, client };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bazaar-stripe-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps intents, charges, refunds and idempotent results across a restart', async () => {
    const first = await open();
    const intent = await first.client.paymentIntents.create(
      {
        amount: 5000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
        metadata: { order_id: 'ord_P1' },
      },
      { idempotencyKey: 'pi-create:ord_P1' },
    );
    const refund = await first.client.refunds.create(
      { payment_intent: intent.id, amount: 1200 },
      { idempotencyKey: 'refund:ord_P1' },
    );
    // The hanging card charges, then withholds its answer: the charge must survive the crash.
    const hanging = first.client.paymentIntents
      .create(
        {
          amount: 700,
          currency: 'usd',
          payment_method: 'pm_card_bazaar_hang',
          confirm: true,
          metadata: { order_id: 'ord_P2' },
        },
        { idempotencyKey: 'pi-create:ord_P2', timeout: 60_000 },
      )
      .catch(() => undefined);
    await until(() =>
      first.server.intents().some((kept) => kept.status === 'succeeded' && kept.amount === 700),
    );

    const second = await open(); // the first is never stopped: as after kill -9

    expect(second.server.intents().map(({ id, status }) => ({ id, status }))).toEqual(
      first.server.intents().map(({ id, status }) => ({ id, status })),
    );
    expect(second.server.charges()).toHaveLength(2);
    expect(second.server.refunds().map((kept) => kept.id)).toEqual([refund.id]);
    const replayed = await second.client.refunds.create(
      { payment_intent: intent.id, amount: 1200 },
      { idempotencyKey: 'refund:ord_P1' },
    );
    expect(replayed.id).toBe(refund.id);
    expect(second.server.refunds()).toHaveLength(1);
    const found = await second.client.paymentIntents.search({ query: "metadata['order_id']:'ord_P2'" });
    expect(found.data.map((kept) => kept.status)).toEqual(['succeeded']);

    clock.now += DAY_MS + 60_000;
    const afresh = await second.client.refunds.create(
      { payment_intent: intent.id, amount: 1200 },
      { idempotencyKey: 'refund:ord_P1' },
    );
    expect(afresh.id).not.toBe(refund.id);
    await first.server.stop();
    await hanging;
  });
});

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
