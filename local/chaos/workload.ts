import { randomUUID } from 'node:crypto';
import { type Answer, call, callUntilAnswered, sleep, type Target, Unanswered } from './client';

export type CardKind = 'good' | 'declining' | 'flaky';

const CARD_TOKENS: Record<CardKind, string> = {
  good: 'pm_card_visa',
  declining: 'pm_card_chargeDeclined',
  // Its first two confirms answer 500: the saga's retries must carry it through.
  flaky: 'pm_card_bazaar_flaky_2',
};

export interface Shopper {
  index: number;
  token: string;
  addressId: string;
  paymentMethodId: string;
  card: CardKind;
  productId: string;
  quantity: number;
  cancels: boolean;
}

export interface ShopperOutcome {
  shopper: Shopper;
  orderId?: string;
  /** A 4xx the checkout ended on (not 409), e.g. an empty cart. */
  rejected?: string;
  firstAttemptAt: number;
  orderAt?: number;
  attempts: number;
  /** Answered 409 (in progress), 5xx or nothing at all at least once. */
  retried: boolean;
  cancelled?: boolean;
  /** The shopper asked to cancel; a cancel whose answer a fault or crash lost may still have taken effect. */
  cancelRequested?: boolean;
}

/** A pseudo-random generator (mulberry32), so a seed replays the run's choices. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function ok(answer: Promise<Answer>, what: string): Promise<Record<string, unknown>> {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${what} → ${status} ${JSON.stringify(body)}`);
  return body;
}

const signUp = async (target: Target, label: string) =>
  (
    await ok(
      call(target, 'POST', '/api/v1/auth/signup', {
        body: { email: `${label}-${randomUUID()}@chaos.example`, password: 'chaos-password', name: label },
      }),
      'signup',
    )
  ).access_token as string;

/** A seller with a few hot products: what every shopper fights over. */
export async function createHotProducts(target: Target, count: number, stockEach: number): Promise<string[]> {
  const seller = await signUp(target, 'chaos-seller');
  await ok(
    call(target, 'POST', '/api/v1/seller/register', {
      token: seller,
      body: { store_name: `Chaos ${randomUUID()}` },
    }),
    'register',
  );
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const product = await ok(
      call(target, 'POST', '/api/v1/seller/products', {
        token: seller,
        body: { title: `Hot Widget ${i + 1}`, price: 10 + i * 5 + 0.99, category: 'home', stock: stockEach },
      }),
      'create product',
    );
    ids.push(product.product_id as string);
  }
  return ids;
}

/** A shopper with an account, an address, a card and a cart, made before any fault is armed. */
export async function prepareShopper(
  target: Target,
  index: number,
  choice: { card: CardKind; productId: string; quantity: number; cancels: boolean },
): Promise<Shopper> {
  const token = await signUp(target, `shopper-${index}`);
  const address = await ok(
    call(target, 'POST', '/api/v1/addresses', {
      token,
      body: { name: 'Home', line1: '1 Main St', city: 'Springfield', postal_code: '62701', country: 'US' },
    }),
    'address',
  );
  const method = await ok(
    call(target, 'POST', '/api/v1/payment-methods', {
      token,
      body: { type: 'card', token: CARD_TOKENS[choice.card] },
    }),
    'payment method',
  );
  await ok(
    call(target, 'POST', '/api/v1/cart/items', {
      token,
      body: { product_id: choice.productId, quantity: choice.quantity },
    }),
    'cart',
  );
  return {
    index,
    token,
    addressId: address.address_id as string,
    paymentMethodId: method.payment_method_id as string,
    ...choice,
  };
}

const IN_PROGRESS = new Set(['IDEMPOTENCY_KEY_IN_PROGRESS', 'CHECKOUT_IN_PROGRESS']);

/**
 * A checkout as a real client sends it: one Idempotency-Key for the purchase, the same key on
 * every retry of an unanswered or failed request, and a growing wait on 409 (in progress).
 */
export async function checkout(target: Target, shopper: Shopper, deadline: number): Promise<ShopperOutcome> {
  const key = randomUUID();
  const outcome: ShopperOutcome = { shopper, firstAttemptAt: Date.now(), attempts: 0, retried: false };
  for (let wait = 250; Date.now() < deadline; wait = Math.min(wait * 2, 4000)) {
    outcome.attempts++;
    let answer: Answer | undefined;
    try {
      answer = await call(target, 'POST', '/api/v1/orders/checkout', {
        token: shopper.token,
        headers: { 'idempotency-key': key },
        body: { shipping_address_id: shopper.addressId, payment_method_id: shopper.paymentMethodId },
        timeoutMs: 20_000,
      });
    } catch (error) {
      if (!(error instanceof Unanswered)) throw error;
    }
    if (answer && answer.status < 300) {
      outcome.orderId = answer.body.order_id as string;
      outcome.orderAt = Date.now();
      return outcome;
    }
    const code = (answer?.body.error as { code?: string } | undefined)?.code;
    if (
      answer &&
      answer.status < 500 &&
      answer.status !== 429 &&
      !(answer.status === 409 && IN_PROGRESS.has(code ?? ''))
    ) {
      outcome.rejected = `${answer.status} ${code ?? ''}`.trim();
      return outcome;
    }
    outcome.retried = true;
    await sleep(wait * (0.5 + Math.random() / 2));
  }
  outcome.rejected = 'gave up at the deadline';
  return outcome;
}

/** Cancels a placed order (before it ships), retrying through faults and crashes. */
export async function cancel(target: Target, outcome: ShopperOutcome, deadline: number): Promise<void> {
  outcome.cancelRequested = true;
  const answer = await callUntilAnswered(target, 'POST', `/api/v1/orders/${outcome.orderId}/cancel`, {
    token: outcome.shopper.token,
    deadline,
  }).catch(() => undefined);
  outcome.cancelled = answer !== undefined && answer.status < 300;
}

export async function orderOf(target: Target, outcome: ShopperOutcome, deadline: number) {
  const answer = await callUntilAnswered(target, 'GET', `/api/v1/orders/${outcome.orderId}`, {
    token: outcome.shopper.token,
    deadline,
  });
  return answer.body as { status: string; failure_reason?: string | null };
}
