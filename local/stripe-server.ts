import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { FaultInjector } from './faults/faults';
import { type ApiResult, type RequestContext, randomId, StripeEngine } from './stripe/engine';
import {
  apiError,
  authenticationError,
  idempotencyError,
  invalidParam,
  StripeHttpError,
  unrecognizedUrl,
} from './stripe/errors';
import { canonical, type FormObject, parseForm } from './stripe/form';
import type { Charge, PaymentIntent, Refund, StripeEvent } from './stripe/types';
import { type WebhookDelivery, WebhookSender } from './stripe/webhooks';

export type { CardBehaviour, TestCard } from './stripe/cards';
export { testCard } from './stripe/cards';
export type { Charge, PaymentIntent, PaymentMethod, Refund, StripeEvent } from './stripe/types';
export { signatureHeader, type WebhookDelivery } from './stripe/webhooks';

/**
 * A Stripe-compatible test server: the part of Stripe's v1 API that Bazaar's payments adapter
 * uses, served over HTTP to the real `stripe` package, which is pointed at it with its
 * `host` / `port` / `protocol: 'http'` options. State is kept in memory.
 *
 *   POST /v1/payment_intents               create (and optionally confirm)
 *   POST /v1/payment_intents/:id/confirm   confirm, applying the test card's behaviour
 *   POST /v1/payment_intents/:id/cancel    cancel one that has not succeeded
 *   GET  /v1/payment_intents/:id           retrieve (`expand[]=latest_charge|payment_method`)
 *   POST /v1/refunds                       refund a succeeded PaymentIntent (or charge)
 *   GET  /v1/refunds                       list refunds, newest first (`payment_intent`, paging)
 *   GET  /v1/payment_intents/search        search by metadata (`metadata['key']:'value'`)
 *   GET  /v1/payment_methods/:id           the test payment methods (see ./stripe/cards.ts)
 *   anything else                          404 "Unrecognized request URL", as Stripe
 *
 * As Stripe: every /v1 request needs `Authorization: Bearer sk_test_…` (HTTP 401 otherwise);
 * errors use Stripe's envelope and statuses (402 card_error, 400/404 invalid_request_error,
 * 400/409 idempotency_error, 500 api_error); POSTs honour `Idempotency-Key` for 24 hours, after
 * which the key is forgotten and a repeat runs afresh (below); succeeded
 * PaymentIntents (`payment_intent.succeeded`) and refunds (`charge.refunded`) are sent, signed
 * with `Stripe-Signature`, to the webhook URL, if one is set, in the background with retries.
 *
 * Not Stripe's: `GET /_bazaar/intents` answers `{ intents, refunds, charges }` (no
 * authentication), so tests in another process can see what was charged and refunded.
 */
export interface StripeServerOptions {
  /** Port on 127.0.0.1; a free one when omitted or 0. */
  port?: number;
  /** Where events are POSTed; none are sent until one is set (see setWebhookUrl). */
  webhookUrl?: string;
  /** The signing secret (`whsec_…`); generated when omitted. */
  webhookSecret?: string;
  /** How long `pm_card_bazaar_hang` withholds its confirm response; default 10 minutes. */
  hangMs?: number;
  /** Webhook attempts per event (default 4) and the first retry delay (default 250 ms, doubling). */
  webhookMaxAttempts?: number;
  webhookRetryBaseMs?: number;
  /** Failed webhook deliveries and unexpected errors; console.error by default. */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** How long an Idempotency-Key's result is kept (Stripe: 24 hours). */
  idempotencyTtlMs?: number;
  /** The clock idempotency keys age by, in epoch ms; a test moves it to see keys expire. */
  now?: () => number;
  /**
   * Consulted on each API request (after authentication), by operation (`refunds.create`,
   * `payment_intents.confirm`, …): `stripe:api-error` answers 500 and does nothing,
   * `stripe:timeout` never answers and does nothing, `stripe:response-withheld` does the work
   * (and keeps the idempotent result) but drops the connection instead of answering.
   */
  faults?: Pick<FaultInjector, 'fire'>;
}

export interface StripeTestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  webhookSecret: string;
  setWebhookUrl(url: string | undefined): void;
  /** Releases hanging confirmations, cancels webhook retries, closes every connection. */
  stop(): Promise<void>;
  intents(): PaymentIntent[];
  refunds(): Refund[];
  charges(): Charge[];
  /** Every event raised so far, whether or not a webhook URL was set. */
  events(): StripeEvent[];
  /**
   * Sends an event, signed like the others (fields left out are filled in: id, object, created,
   * livemode, api_version, …). Resolves when delivered or given up; never rejects.
   */
  sendWebhook(event: Partial<StripeEvent> & Record<string, unknown>): Promise<WebhookDelivery>;
  /** Resolves once every webhook delivery started so far has finished. */
  webhooksIdle(): Promise<void>;
}

const DEFAULT_HANG_MS = 10 * 60 * 1000;
/** Stripe keeps idempotent results for at least 24 hours. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_BODY_BYTES = 1024 * 1024;

interface Route {
  /** Stripe's name for the operation, as fault targets name it. */
  operation: string;
  run(params: FormObject, context: RequestContext): Promise<ApiResult> | ApiResult;
}

type StoredResult =
  | { endpoint: string; fingerprint: string; createdAt: number; state: 'running' }
  | {
      endpoint: string;
      fingerprint: string;
      createdAt: number;
      state: 'done';
      status: number;
      body: string;
      requestId: string;
    };

export async function startStripeServer(options: StripeServerOptions = {}): Promise<StripeTestServer> {
  const log =
    options.log ??
    ((message: string, fields: Record<string, unknown>) =>
      console.error(`[stripe] ${message}`, JSON.stringify(fields)));
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
  const hangMs = options.hangMs ?? DEFAULT_HANG_MS;
  const idempotencyTtlMs = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS;
  const clock = options.now ?? Date.now;
  const webhooks = new WebhookSender({
    url: options.webhookUrl,
    secret: webhookSecret,
    maxAttempts: options.webhookMaxAttempts,
    retryBaseMs: options.webhookRetryBaseMs,
    log,
  });
  const events: StripeEvent[] = [];
  let stopped = false;
  /** Requests a `stripe:timeout` fault holds unanswered until the client gives up or we stop. */
  const unanswered = new Set<ServerResponse>();
  const hanging = new Set<{ timer: NodeJS.Timeout; release: () => void }>();

  const engine = new StripeEngine({
    hang: () =>
      new Promise<void>((release) => {
        if (stopped) return release();
        const entry = {
          timer: setTimeout(() => {
            hanging.delete(entry);
            release();
          }, hangMs),
          release,
        };
        hanging.add(entry);
      }),
    emit: (event) => {
      events.push(event);
      void webhooks.send(event);
    },
  });

  /** Idempotent results, by API key and Idempotency-Key. */
  const idempotency = new Map<string, StoredResult>();

  /** Forgets results past the TTL; the map is in insertion order, so the oldest come first. */
  const pruneExpired = (at: number) => {
    for (const [key, stored] of idempotency) {
      if (at - stored.createdAt < idempotencyTtlMs) break;
      if (stored.state === 'done') idempotency.delete(key);
    }
  };

  const route = (method: string, path: string): Route => {
    let segments: string[];
    try {
      segments = path.split('/').slice(1).map(decodeURIComponent);
    } catch {
      throw unrecognizedUrl(method, path);
    }
    if (segments[0] === 'v1') {
      const [, resource, id, action, ...rest] = segments;
      if (rest.length === 0 && resource === 'payment_intents') {
        if (method === 'GET' && id === 'search' && action === undefined) {
          return {
            operation: 'payment_intents.search',
            run: (params) => engine.searchPaymentIntents(params),
          };
        }
        if (method === 'POST' && id === undefined) {
          return {
            operation: 'payment_intents.create',
            run: (params, context) => engine.createPaymentIntent(params, context),
          };
        }
        if (method === 'POST' && id && action === 'confirm') {
          return {
            operation: 'payment_intents.confirm',
            run: (params, context) => engine.confirmPaymentIntent(id, params, context),
          };
        }
        if (method === 'POST' && id && action === 'cancel') {
          return {
            operation: 'payment_intents.cancel',
            run: (params) => engine.cancelPaymentIntent(id, params),
          };
        }
        if (method === 'GET' && id && action === undefined) {
          return {
            operation: 'payment_intents.retrieve',
            run: (params) => engine.retrievePaymentIntent(id, params),
          };
        }
      }
      if (rest.length === 0 && resource === 'refunds' && method === 'POST' && id === undefined) {
        return {
          operation: 'refunds.create',
          run: (params, context) => engine.createRefund(params, context),
        };
      }
      if (rest.length === 0 && resource === 'refunds' && method === 'GET' && id === undefined) {
        return { operation: 'refunds.list', run: (params) => engine.listRefunds(params) };
      }
      if (rest.length === 0 && resource === 'payment_methods' && method === 'GET' && id && !action) {
        return {
          operation: 'payment_methods.retrieve',
          run: (params) => engine.retrievePaymentMethod(id, params),
        };
      }
    }
    throw unrecognizedUrl(method, path);
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      log('unexpected failure', { error: String(error) });
      if (!response.headersSent) writeJson(response, 500, { error: apiError().body }, {});
    });
  });
  // Longer than Node's 5 s default, so a keep-alive socket the client reuses is rarely closed under it.
  server.keepAliveTimeout = 30_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomId('req', 14);
    const apiVersion = headerValue(request, 'stripe-version') ?? Stripe.API_VERSION;
    const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': apiVersion };
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(request);

    if (url.pathname === '/_bazaar/intents' && method === 'GET') {
      writeJson(
        response,
        200,
        { intents: engine.intents(), refunds: engine.refunds(), charges: engine.charges() },
        headers,
      );
      return;
    }

    try {
      const apiKey = authenticate(request);
      const target = route(method, url.pathname);
      const point = { operation: target.operation, text: () => formText(`${url.search} ${rawBody}`) };
      if (options.faults?.fire('stripe:api-error', point)) throw apiError();
      if (options.faults?.fire('stripe:timeout', point)) {
        unanswered.add(response);
        response.once('close', () => unanswered.delete(response));
        return;
      }
      const withheld = options.faults?.fire('stripe:response-withheld', point) !== undefined;
      const answer = (status: number, body: string, replay: Record<string, string> = {}) =>
        withheld ? response.destroy() : writeText(response, status, body, { ...headers, ...replay });
      const params = method === 'POST' ? parseBody(request, rawBody) : parseForm(url.search.slice(1));
      const idempotencyKey = method === 'POST' ? headerValue(request, 'idempotency-key') : undefined;
      const endpoint = `${method} ${url.pathname}`;
      const fingerprint = canonical(params);
      const context: RequestContext = {
        requestId,
        idempotencyKey,
        attemptKey: idempotencyKey
          ? `${apiKey}\n${idempotencyKey}`
          : `${apiKey}\n${endpoint}\n${fingerprint}`,
        apiVersion,
      };
      if (!idempotencyKey) {
        const result = await execute(target, params, context);
        answer(result.status, result.body);
        return;
      }

      headers['idempotency-key'] = idempotencyKey;
      if (idempotencyKey.length > 255) {
        throw invalidParam('Idempotency-Key must be at most 255 characters long.', undefined);
      }
      const scopedKey = `${apiKey}\n${idempotencyKey}`;
      const stored = idempotency.get(scopedKey);
      if (stored && clock() - stored.createdAt < idempotencyTtlMs) {
        if (stored.endpoint !== endpoint) {
          throw idempotencyError(
            400,
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          );
        }
        if (stored.fingerprint !== fingerprint) {
          throw idempotencyError(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          );
        }
        if (stored.state === 'running') {
          throw idempotencyError(
            409,
            `There is currently another in-progress request using this Idempotency-Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
          );
        }
        answer(stored.status, stored.body, {
          'idempotent-replayed': 'true',
          'original-request': stored.requestId,
        });
        return;
      }

      const createdAt = clock();
      idempotency.delete(scopedKey); // an expired result: start afresh, at the end of the order
      pruneExpired(createdAt);
      idempotency.set(scopedKey, { endpoint, fingerprint, createdAt, state: 'running' });
      const result = await execute(target, params, context);
      if (result.saved) {
        idempotency.set(scopedKey, {
          endpoint,
          fingerprint,
          createdAt,
          state: 'done',
          status: result.status,
          body: result.body,
          requestId,
        });
      } else {
        idempotency.delete(scopedKey);
      }
      answer(result.status, result.body);
    } catch (error) {
      if (!(error instanceof StripeHttpError)) throw error;
      writeJson(
        response,
        error.status,
        { error: error.body },
        error.status === 401 ? { ...headers, 'www-authenticate': 'Basic realm="Stripe"' } : headers,
      );
    }
  }

  /** Runs an operation; `saved` says whether an idempotent request keeps this result. */
  async function execute(
    target: Route,
    params: FormObject,
    context: RequestContext,
  ): Promise<{ status: number; body: string; saved: boolean }> {
    try {
      const result = await target.run(params, context);
      return { status: result.status, body: JSON.stringify(result.body, null, 2), saved: true };
    } catch (error) {
      if (error instanceof StripeHttpError) {
        return {
          status: error.status,
          body: JSON.stringify({ error: error.body }, null, 2),
          saved: error.saved,
        };
      }
      log('unexpected failure', { requestId: context.requestId, error: String(error) });
      return { status: 500, body: JSON.stringify({ error: apiError().body }, null, 2), saved: false };
    }
  }

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      ready();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = '127.0.0.1';

  return {
    url: `http://${host}:${port}`,
    host,
    port,
    protocol: 'http',
    webhookSecret,
    setWebhookUrl: (url) => webhooks.setUrl(url),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const entry of hanging) {
        clearTimeout(entry.timer);
        entry.release();
      }
      hanging.clear();
      for (const response of unanswered) response.destroy();
      webhooks.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
    intents: () => engine.intents(),
    refunds: () => engine.refunds(),
    charges: () => engine.charges(),
    events: () => events.map((event) => structuredClone(event)),
    sendWebhook: (event) =>
      webhooks.send({
        id: randomId('evt'),
        object: 'event',
        api_version: Stripe.API_VERSION,
        created: Math.floor(Date.now() / 1000),
        data: { object: {} },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'unknown',
        ...event,
      } as StripeEvent),
    webhooksIdle: () => webhooks.idle(),
  };
}

/** A form-encoded request as plain text, for a fault's `contains`. */
function formText(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return encoded;
  }
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/** Stripe's secret test keys, sent as Bearer (or as the Basic-auth user name, as curl -u does). */
function authenticate(request: IncomingMessage): string {
  const header = headerValue(request, 'authorization');
  let key: string | undefined;
  if (header) {
    const [scheme, credentials = ''] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer') key = credentials;
    else if (scheme?.toLowerCase() === 'basic') {
      key = Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
    }
  }
  if (!key) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (!/^sk_test_\w+$/.test(key)) {
    const masked = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
    throw authenticationError(
      `Invalid API Key provided: ${masked}. This Stripe test server accepts secret test keys (sk_test_…) only.`,
    );
  }
  return key;
}

function parseBody(request: IncomingMessage, body: string): FormObject {
  const contentType = (headerValue(request, 'content-type') ?? '').toLowerCase();
  if (body.trim() !== '' && contentType.startsWith('application/json')) {
    throw invalidParam(
      'Invalid request: the v1 API takes application/x-www-form-urlencoded bodies, not JSON.',
      undefined,
    );
  }
  return parseForm(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function writeText(response: ServerResponse, status: number, body: string, headers: Record<string, string>) {
  // The client may have gone (timed out during a hang): there is nobody to answer then.
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function writeJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
  writeText(response, status, JSON.stringify(body, null, 2), headers);
}
