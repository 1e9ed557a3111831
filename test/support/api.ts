import { randomUUID } from 'node:crypto';

/** A small HTTP client for e2e tests against the running local platform. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** The site: the API behind the local CDN, as shoppers reach it (test/e2e/cdn.test.ts). */
export function baseUrl(): string {
  return process.env.E2E_BASE_URL!;
}

/**
 * The API without the CDN in front. `api()` speaks to it: the other tests check what the
 * origin answers the moment after a change, which a cache would (rightly) hide for a while.
 */
export function originUrl(): string {
  return process.env.E2E_ORIGIN_URL ?? baseUrl();
}

export async function api<T = any>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${originUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** A unique e-mail per call, so tests never collide with each other or with the seed. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.bazaar.example`;
}

export async function signUp(label = 'user'): Promise<{ token: string; userId: string; email: string }> {
  const email = uniqueEmail(label);
  const response = await api('POST', '/api/v1/auth/signup', {
    body: { email, password: 'correct horse battery', name: `Test ${label}` },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${response.text}`);
  return { token: response.body.access_token, userId: response.body.user_id, email };
}

export async function signUpSeller(
  label = 'seller',
): Promise<{ token: string; userId: string; email: string }> {
  const user = await signUp(label);
  const response = await api('POST', '/api/v1/seller/register', {
    token: user.token,
    body: { store_name: `${label} store ${randomUUID().slice(0, 8)}` },
  });
  if (response.status !== 201) throw new Error(`seller register failed: ${response.status} ${response.text}`);
  return user;
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 5000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The local platform's AWS-compatible endpoints, for tests that act as another service would. */
export async function localEndpoints(): Promise<{
  eventbridge: string;
  sfn: string;
  dynamodb: string;
  stripe: string;
}> {
  const response = await fetch(`${baseUrl()}/_local/endpoints`);
  return (await response.json()) as { eventbridge: string; sfn: string; dynamodb: string; stripe: string };
}

/** Publishes an event to the platform's bus through the ordinary EventBridge client; returns its EventId. */
export async function publishTestEvent(source: string, detailType: string, detail: object): Promise<string> {
  const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
  const client = new EventBridgeClient({
    endpoint: (await localEndpoints()).eventbridge,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: 'bazaar', Source: source, DetailType: detailType, Detail: JSON.stringify(detail) },
      ],
    }),
  );
  if (result.FailedEntryCount) throw new Error(`event rejected: ${JSON.stringify(result.Entries)}`);
  return result.Entries![0]!.EventId!;
}

/** A cookie jar of one: the value of a Set-Cookie name=value, or undefined when cleared. */
export function cookieFrom(response: ApiResponse, name: string): string | undefined | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [cookieName, value] = (pair ?? '').split('=');
    if (cookieName?.trim() === name) return value ? value : null;
  }
  return undefined;
}

export async function createProduct(
  sellerToken: string,
  overrides: Record<string, unknown> = {},
): Promise<{ product_id: string; [key: string]: unknown }> {
  const response = await api('POST', '/api/v1/seller/products', {
    token: sellerToken,
    body: { title: 'Test Product', price: 10, category: 'books', stock: 100, ...overrides },
  });
  if (response.status !== 201) throw new Error(`create product failed: ${response.status} ${response.text}`);
  return response.body;
}

export interface Buyer {
  token: string;
  userId: string;
  addressId: string;
  paymentMethodId: string;
}

/** A signed-up buyer with an address and a saved payment method (a Stripe test token, or the wallet). */
export async function newBuyer(label: string, card: string | 'wallet' = 'pm_card_visa'): Promise<Buyer> {
  const user = await signUp(label);
  const address = await api('POST', '/api/v1/addresses', {
    token: user.token,
    body: { name: 'Home', line1: '1 Main St', city: 'Springfield', postal_code: '62701', country: 'US' },
  });
  if (address.status !== 201) throw new Error(`address failed: ${address.text}`);
  const method = await api('POST', '/api/v1/payment-methods', {
    token: user.token,
    body: card === 'wallet' ? { type: 'wallet' } : { type: 'card', token: card },
  });
  if (method.status !== 201) throw new Error(`payment method failed: ${method.text}`);
  return {
    token: user.token,
    userId: user.userId,
    addressId: address.body.address_id,
    paymentMethodId: method.body.payment_method_id,
  };
}

export async function addToCart(
  buyer: { token: string },
  productId: string,
  quantity: number,
): Promise<void> {
  const response = await api('POST', '/api/v1/cart/items', {
    token: buyer.token,
    body: { product_id: productId, quantity },
  });
  if (response.status !== 201) throw new Error(`add to cart failed: ${response.status} ${response.text}`);
}

export function checkout(buyer: Buyer, idempotencyKey?: string): Promise<ApiResponse> {
  return api('POST', '/api/v1/orders/checkout', {
    token: buyer.token,
    body: { shipping_address_id: buyer.addressId, payment_method_id: buyer.paymentMethodId },
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

/** Waits until the order leaves `pending` (the saga finished one way or the other). */
export async function settledOrder(
  buyer: { token: string },
  orderId: string,
  timeoutMs = 30_000,
): Promise<any> {
  return eventually(
    async () => {
      const order = await api('GET', `/api/v1/orders/${orderId}`, { token: buyer.token });
      return order.body.status !== 'pending' ? order.body : undefined;
    },
    timeoutMs,
    200,
  );
}

/** What the local Stripe-compatible server holds, for counting charges. */
export async function stripeState(): Promise<{ intents: any[]; refunds: any[]; charges: any[] }> {
  const { stripe } = await localEndpoints();
  return (await (await fetch(`${stripe}/_bazaar/intents`)).json()) as {
    intents: any[];
    refunds: any[];
    charges: any[];
  };
}

export function succeededIntentsFor(state: { intents: any[] }, orderId: string): any[] {
  return state.intents.filter(
    (intent) => intent.metadata?.order_id === orderId && intent.status === 'succeeded',
  );
}

export async function localControl(path: string, body: unknown): Promise<any> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}
