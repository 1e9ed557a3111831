import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/ports';
import { E2E_ENV } from '../setup/e2e-global-setup';
import {
  type ApiResponse,
  addToCart,
  api,
  type Buyer,
  checkout,
  createProduct,
  newBuyer,
  settledOrder,
  signUpSeller,
  stripeState,
} from '../support/api';
import {
  type PlatformProcess,
  startPlatformProcess,
  stopEveryStartedPlatform,
} from '../support/platform-process';

/**
 * `kill -9` in the middle of concurrent checkouts, then a restart on the same data dir: the
 * sagas in flight carry on where they were (the task that was running is retried), so every
 * order with a good card ends paid, charged once, and the stock adds up. This test runs its
 * own platform on its own data dir (the shared e2e platform is never killed).
 */

const BUYERS = 20;
const STOCK = 30;

describe('a crash in the middle of checkouts, and a restart on the same data dir', () => {
  let dataDir: string;
  let port: number;
  let platform: PlatformProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--data-dir', dataDir, '--seed', 'none'];
    // Holds outlive the outage (E2E_ENV's 10 s would not): an order whose hold expired while
    // the platform was down fails RESERVATION_EXPIRED, rightly, and is not what this test is about.
    platform = await startPlatformProcess({ args, env: { ...E2E_ENV, RESERVATION_TTL_SECONDS: '300' } });
    process.env.E2E_BASE_URL = platform.url;
    process.env.E2E_ORIGIN_URL = platform.originUrl;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bazaar-crash-'));
    port = await freePort(); // kept across the restart: the tokens' issuer is the platform's URL
  });
  afterAll(async () => {
    await platform?.stop();
    await stopEveryStartedPlatform();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends every good-card order paid, charged once, with the stock conserved', async () => {
    await start();
    const seller = await signUpSeller('crash-seller');
    const product = (
      await createProduct(seller.token, { title: 'Crash Test Kettle', price: 20, stock: STOCK })
    ).product_id;
    const buyers: Buyer[] = await Promise.all(
      Array.from({ length: BUYERS }, (_, index) => newBuyer(`crash-buyer-${index}`)),
    );
    await Promise.all(buyers.map((buyer) => addToCart(buyer, product, 1)));

    const answered = new Map<Buyer, ApiResponse>();
    const attempts = buyers.map((buyer) =>
      checkout(buyer, `crash-${buyer.userId}`).then(
        (response) => void answered.set(buyer, response),
        () => undefined, // the platform died under it: no answer
      ),
    );
    // Kill as soon as the first checkouts are accepted: the rest are mid-request or mid-saga.
    await until(() => answered.size >= 2, 30_000);
    await platform!.kill9();
    await Promise.all(attempts);
    await start();

    // A client with no answer asks again (without its key: the first request's in-progress
    // record would answer 409 until the function's timeout). The cart's claim answers with the
    // order the first request made, if it made one, and starts its saga if that never started.
    const orderIds = new Map<Buyer, string>();
    for (const buyer of buyers) {
      const response = answered.get(buyer);
      orderIds.set(buyer, response?.status === 202 ? response.body.order_id : await orderAfterRetry(buyer));
    }

    const orders = await Promise.all(
      buyers.map((buyer) => settledOrder(buyer, orderIds.get(buyer)!, 45_000)),
    );
    expect(orders.map((order) => order.status)).toEqual(buyers.map(() => 'paid'));
    for (const buyer of buyers) {
      const history = (await api('GET', '/api/v1/orders', { token: buyer.token })).body.items;
      expect(history.map((order: { order_id: string }) => order.order_id)).toEqual([orderIds.get(buyer)]);
    }

    // The provider's side, kept across the crash, matches ours: one charge per order, of its total.
    const stripe = await stripeState();
    const ours = new Set(orderIds.values());
    const succeeded = stripe.intents.filter(
      (intent) => intent.status === 'succeeded' && ours.has(intent.metadata?.order_id),
    );
    expect(succeeded.map((intent) => intent.metadata.order_id).sort()).toEqual([...ours].sort());
    for (const order of orders) {
      const intent = succeeded.find((candidate) => candidate.metadata.order_id === order.order_id);
      expect([order.order_id, intent.amount_received]).toEqual([order.order_id, order.total_cents]);
    }
    expect(stripe.refunds).toEqual([]);

    // Not a vacuous crash: sagas were cut off mid-way, and resumed.
    expect(platform!.output()).toContain('[sfn] Execution resumed');

    const stock = (await api('GET', `/api/v1/seller/products/${product}/inventory`, { token: seller.token }))
      .body;
    expect(stock).toMatchObject({ sold: BUYERS, reserved: 0, available: STOCK - BUYERS });
  }, 150_000);
});

/**
 * Checkout again until the buyer's order is known: 202, a 409 naming the order holding the
 * cart, or an empty cart (the order was paid and its lines left the cart): then the order list.
 */
async function orderAfterRetry(buyer: Buyer): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const response = await checkout(buyer);
    if (response.status === 202) return response.body.order_id;
    const holder = response.body?.error?.details?.order_id;
    if (response.status === 409 && holder) return holder;
    if (response.body?.error?.code === 'CART_EMPTY') {
      const orders = (await api('GET', '/api/v1/orders', { token: buyer.token })).body.items;
      if (orders.length === 1) return orders[0].order_id;
    }
    if (response.status !== 409 || attempt === 20)
      throw new Error(`checkout retry: ${response.status} ${response.text}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function until(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
