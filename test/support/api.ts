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

export function baseUrl(): string {
  return process.env.E2E_BASE_URL!;
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
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
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
export async function localEndpoints(): Promise<{ eventbridge: string; sfn: string; dynamodb: string }> {
  const response = await fetch(`${baseUrl()}/_local/endpoints`);
  return (await response.json()) as { eventbridge: string; sfn: string; dynamodb: string };
}

/** Publishes an event to the platform's bus through the ordinary EventBridge client. */
export async function publishTestEvent(source: string, detailType: string, detail: object): Promise<void> {
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
