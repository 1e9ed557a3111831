/**
 * Checkouts end to end on the local runtime: from POST /orders/checkout to the order being
 * `paid` (reserve, charge through the Stripe-compatible server, confirm, mark paid).
 * Prints orders/s and p50/p99. Asserts nothing.
 *
 *   npx tsx bench/checkout.ts [--orders 200] [--concurrency 20]
 */
import { startPlatformProcess } from './lib/platform-process';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const orders = argument('orders', 200);
  const concurrency = argument('concurrency', 20);
  const platform = await startPlatformProcess({
    seed: 'none',
    // Every buyer signs up from this one address: lift the per-address sign-up limit.
    env: {
      PASSWORD_SCRYPT_N: '1024',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      RATE_LIMIT_SIGNUP_PER_SECOND: '1000',
      RATE_LIMIT_SIGNUP_BURST: '10000',
    },
  });
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const signUp = async (label: string) =>
    (
      await call('POST', '/api/v1/auth/signup', undefined, {
        email: `${label}-${Math.random()}@bench.example`,
        password: 'bench-password',
        name: label,
      })
    ).access_token as string;
  try {
    const seller = await signUp('seller');
    await call('POST', '/api/v1/seller/register', seller, { store_name: `Bench ${Date.now()}` });
    const product = await call('POST', '/api/v1/seller/products', seller, {
      title: 'Bench Widget',
      price: 19.99,
      category: 'home',
      stock: orders * 2,
    });
    console.log(`preparing ${orders} buyers (account, address, card, cart)…`);
    const buyers: Array<{ token: string; address: string; method: string }> = [];
    for (let i = 0; i < orders; i += 20) {
      buyers.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, orders - i) }, async (_, j) => {
            const token = await signUp(`buyer-${i + j}`);
            const address = await call('POST', '/api/v1/addresses', token, {
              name: 'Home',
              line1: '1 Main St',
              city: 'Springfield',
              postal_code: '62701',
              country: 'US',
            });
            const method = await call('POST', '/api/v1/payment-methods', token, {
              type: 'card',
              token: 'pm_card_visa',
            });
            await call('POST', '/api/v1/cart/items', token, { product_id: product.product_id, quantity: 1 });
            return { token, address: address.address_id, method: method.payment_method_id };
          }),
        )),
      );
    }
    const latencies: number[] = [];
    let failed = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < buyers.length) {
          const buyer = buyers[next++]!;
          const sentAt = performance.now();
          const placed = await call('POST', '/api/v1/orders/checkout', buyer.token, {
            shipping_address_id: buyer.address,
            payment_method_id: buyer.method,
          });
          for (;;) {
            const order = await call('GET', `/api/v1/orders/${placed.order_id}`, buyer.token);
            if (order.status === 'paid') break;
            if (order.status !== 'pending') {
              failed++;
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          latencies.push(performance.now() - sentAt);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    console.log(
      `checkout → paid: ${(latencies.length / seconds).toFixed(1)} orders/s at ${concurrency} concurrent buyers ` +
        `(${latencies.length} orders, ${failed} not paid), p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, ` +
        `max ${latencies[latencies.length - 1]!.toFixed(0)} ms`,
    );
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
