/**
 * The cost bench's traffic against a running platform, in two measured phases: product views
 * alone, then shopping (searches, cart changes, checkouts to `paid`, a few cancellations).
 * Setup (accounts, the product, addresses, cards) is done first and left out of both.
 */
import type { MeasuredUsage } from './cost-model';

export interface WorkloadSize {
  views: number;
  orders: number;
  searchesPerOrder: number;
  /** One order in this many is cancelled after it is paid (refunded, stock back). */
  cancelEvery: number;
  concurrency: number;
}

export interface PhaseResult {
  usage: MeasuredUsage;
  seconds: number;
}

const SEARCH_TERMS = ['lamp', 'mug', 'chair', 'kettle', 'blanket', 'desk', 'shoes', 'bottle'];

export class CostWorkload {
  constructor(
    private readonly url: string,
    /** Handlers run by schedules, whose ticks never stop and so never count as activity. */
    private readonly scheduled: ReadonlySet<string>,
  ) {}

  async call(method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text ? JSON.parse(text) : {};
  }

  /** A seller with one well-stocked product, and one buyer per order with an address and a card. */
  async setUp(orders: number): Promise<{ productId: string; buyers: Buyer[] }> {
    const seller = await this.signUp('seller');
    await this.call('POST', '/api/v1/seller/register', seller, { store_name: `Cost bench ${Date.now()}` });
    const product = await this.call('POST', '/api/v1/seller/products', seller, {
      title: 'Cost Bench Widget',
      price: 19.99,
      category: 'home',
      stock: orders * 2,
    });
    const buyers: Buyer[] = [];
    for (let i = 0; i < orders; i += 10) {
      const batch = Array.from({ length: Math.min(10, orders - i) }, async () => {
        const token = await this.signUp('buyer');
        const address = await this.call('POST', '/api/v1/addresses', token, {
          name: 'Home',
          line1: '1 Main St',
          city: 'Springfield',
          postal_code: '62701',
          country: 'US',
        });
        const method = await this.call('POST', '/api/v1/payment-methods', token, {
          type: 'card',
          token: 'pm_card_visa',
        });
        return { token, address: String(address.address_id), method: String(method.payment_method_id) };
      });
      buyers.push(...(await Promise.all(batch)));
    }
    return { productId: String(product.product_id), buyers };
  }

  /** Runs `work` from a zeroed meter, then waits for what it set off (sagas, rules, streams) to settle. */
  async measure(work: () => Promise<void>): Promise<PhaseResult> {
    await this.settle();
    await this.call('DELETE', '/_local/usage');
    const startedAt = performance.now();
    await work();
    const usage = await this.settle();
    return { usage, seconds: (performance.now() - startedAt) / 1000 };
  }

  async views(productIds: readonly string[], count: number, concurrency: number): Promise<void> {
    let next = 0;
    await this.inParallel(concurrency, async () => {
      while (next < count) {
        const n = next++;
        await this.call('GET', `/api/v1/products/${productIds[(n * 7919) % productIds.length]}`);
      }
    });
  }

  /** Each buyer searches, adds to the cart, looks at it, checks out, and looks at the order once it settled. */
  async shopping(
    productId: string,
    buyers: readonly Buyer[],
    size: WorkloadSize,
  ): Promise<{ paid: number; cancelled: number }> {
    let next = 0;
    const placed: Array<{ buyer: Buyer; orderId: string }> = [];
    await this.inParallel(size.concurrency, async () => {
      while (next < buyers.length) {
        const n = next++;
        const buyer = buyers[n]!;
        for (let s = 0; s < size.searchesPerOrder; s++) {
          await this.call('GET', `/api/v1/search?q=${SEARCH_TERMS[(n + s) % SEARCH_TERMS.length]}`);
        }
        await this.call('POST', '/api/v1/cart/items', buyer.token, { product_id: productId, quantity: 1 });
        await this.call('GET', '/api/v1/cart', buyer.token);
        const order = await this.call('POST', '/api/v1/orders/checkout', buyer.token, {
          shipping_address_id: buyer.address,
          payment_method_id: buyer.method,
        });
        placed.push({ buyer, orderId: String(order.order_id) });
      }
    });
    await this.settle();
    let paid = 0;
    let cancelled = 0;
    for (const [index, { buyer, orderId }] of placed.entries()) {
      const order = await this.call('GET', `/api/v1/orders/${orderId}`, buyer.token);
      if (order.status !== 'paid') continue;
      paid++;
      if (index % size.cancelEvery === 0) {
        await this.call('POST', `/api/v1/orders/${orderId}/cancel`, buyer.token);
        cancelled++;
      }
    }
    return { paid, cancelled };
  }

  /**
   * The usage once nothing but schedules is running: polled until three reads in a row show no
   * new invocation or transition.
   */
  private async settle(): Promise<MeasuredUsage> {
    let last = '';
    let unchanged = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const usage = (await this.call('GET', '/_local/usage')) as unknown as MeasuredUsage;
      const activity = JSON.stringify([
        Object.entries(usage.lambda)
          .filter(([handler]) => !this.scheduled.has(handler))
          .map(([handler, each]) => [handler, each.invocations]),
        usage.stepFunctions.transitions,
      ]);
      unchanged = activity === last ? unchanged + 1 : 0;
      if (unchanged >= 3) return usage;
      last = activity;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('The platform never settled: something keeps invoking handlers');
  }

  private async signUp(label: string): Promise<string> {
    const answer = await this.call('POST', '/api/v1/auth/signup', undefined, {
      email: `${label}-${Math.random()}@cost.example`,
      password: 'bench-password',
      name: label,
    });
    return String(answer.access_token);
  }

  private async inParallel(concurrency: number, worker: () => Promise<void>): Promise<void> {
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
}

export interface Buyer {
  token: string;
  address: string;
  method: string;
}
