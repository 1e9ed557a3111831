import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { type PlatformProcess, startPlatformProcess } from '../support/platform-process';

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
  let platform: PlatformProcess | undefined;
  const start = async () => {
    platform = await startPlatformProcess({ args: ['--data-dir', dataDir, '--seed', 'none'], env: E2E_ENV });
    process.env.E2E_BASE_URL = platform.url;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bazaar-crash-'));
  });
  afterAll(async () => {
    await platform?.stop();
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

    // A client with no answer asks again; the cart's claim answers with the order it made, if any.
    const orderIds = new Map<Buyer, string>();
    for (const buyer of buyers) {
      let response = answered.get(buyer);
      if (response?.status !== 202) response = await checkout(buyer);
      expect([buyer.userId, response.status]).toEqual([buyer.userId, 202]);
      orderIds.set(buyer, response.body.order_id);
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

    const stock = (await api('GET', `/api/v1/seller/products/${product}/inventory`, { token: seller.token }))
      .body;
    expect(stock).toMatchObject({ sold: BUYERS, reserved: 0, available: STOCK - BUYERS });
  }, 150_000);
});

async function until(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
