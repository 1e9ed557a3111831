import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Stripe from 'stripe';
import type { FaultInjector } from './faults/faults';
import { StripeEngine } from './stripe/engine';
import { apiError, invalidParam, StripeHttpError } from './stripe/errors';
import { canonical, type FormObject, parseForm } from './stripe/form';
import { HangingConfirmations } from './stripe/hangs';
import {
  authenticate,
  formText,
  headerValue,
  parseBody,
  readBody,
  writeJson,
  writeText,
} from './stripe/http-io';
import { IdempotencyCache, type IdempotentRequest } from './stripe/idempotency';
import { randomId } from './stripe/ids';
import type { StripeLedger } from './stripe/ledger';
import type { RequestContext } from './stripe/operation';
import { type Route, routeRequest } from './stripe/router';
import { StateFile } from './stripe/state-file';
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
  /**
   * Keeps intents, charges, refunds, idempotent results and events in `<dataDir>/stripe.json`
   * (rewritten crash-safely after every change), so a restart on the same dir carries on.
   */
  dataDir?: string;
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

type Log = (message: string, fields: Record<string, unknown>) => void;
type Executed = { status: number; body: string; saved: boolean };

export async function startStripeServer(options: StripeServerOptions = {}): Promise<StripeTestServer> {
  const log: Log =
    options.log ?? ((message, fields) => console.error(`[stripe] ${message}`, JSON.stringify(fields)));
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
  const webhooks = new WebhookSender({
    url: options.webhookUrl,
    secret: webhookSecret,
    maxAttempts: options.webhookMaxAttempts,
    retryBaseMs: options.webhookRetryBaseMs,
    log,
  });
  const events: StripeEvent[] = [];
  const hangs = new HangingConfirmations(options.hangMs ?? DEFAULT_HANG_MS);
  const state = options.dataDir ? new StateFile(join(options.dataDir, 'stripe.json')) : undefined;
  const engine = new StripeEngine({
    hang: () => {
      // The charge has happened: it is on disk before the answer is withheld.
      save();
      return hangs.hang();
    },
    emit: (event) => {
      events.push(event);
      save();
      void webhooks.send(event);
    },
  });
  /** Requests a `stripe:timeout` fault holds unanswered until the client gives up or we stop. */
  const unanswered = new Set<ServerResponse>();
  const idempotency = new IdempotencyCache(
    options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS,
    options.now ?? Date.now,
  );
  const kept = state?.read();
  if (kept) {
    engine.ledger.restore(kept.engine);
    events.push(...kept.events);
    idempotency.restore(kept.idempotency);
  }
  /**
   * Writes everything down. A request still running is not kept: the process that ran it is
   * gone, and Stripe saves no result for a request that never completed, so a retry runs afresh.
   */
  function save(): void {
    state?.write({ engine: engine.ledger.snapshot(), events, idempotency: idempotency.finishedEntries() });
  }
  const handle = requestHandler({ engine, faults: options.faults, unanswered, idempotency, log, save });

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      log('unexpected failure', { error: String(error) });
      if (!response.headersSent) writeJson(response, 500, { error: apiError().body }, {});
    });
  });
  // Longer than Node's 5 s default, so a keep-alive socket the client reuses is rarely closed under it.
  server.keepAliveTimeout = 30_000;
  const port = await listen(server, options.port ?? 0);
  const host = '127.0.0.1';
  let stopped = false;

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
      hangs.releaseAll();
      for (const response of unanswered) response.destroy();
      webhooks.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
    intents: () => engine.ledger.intents(),
    refunds: () => engine.ledger.refunds(),
    charges: () => engine.ledger.charges(),
    events: () => events.map((event) => structuredClone(event)),
    sendWebhook: (event) => webhooks.send(completeEvent(event)),
    webhooksIdle: () => webhooks.idle(),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ready((server.address() as AddressInfo).port);
    });
  });
}

/** Fills in what a test leaves out of an event it sends, as Stripe would have set it. */
function completeEvent(event: Partial<StripeEvent> & Record<string, unknown>): StripeEvent {
  return {
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
  } as StripeEvent;
}

interface HandlerParts {
  engine: StripeEngine;
  faults: StripeServerOptions['faults'];
  unanswered: Set<ServerResponse>;
  idempotency: IdempotencyCache;
  log: Log;
  /** Persists the server's state after a change (a no-op without a data dir). */
  save: () => void;
}

/** Serves one HTTP request: authentication, routing, idempotency, then Stripe's error envelope. */
function requestHandler({ engine, faults, unanswered, idempotency, log, save }: HandlerParts) {
  const execute = (target: Route, params: FormObject, context: RequestContext) =>
    executeRoute(target, params, context, log);

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomId('req', 14);
    const apiVersion = headerValue(request, 'stripe-version') ?? Stripe.API_VERSION;
    const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': apiVersion };
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(request);

    if (url.pathname === '/_bazaar/intents' && method === 'GET')
      return writeLedger(response, engine.ledger, headers);

    try {
      const apiKey = authenticate(request);
      const target = routeRequest(engine, method, url.pathname);
      const point = { operation: target.operation, text: () => formText(`${url.search} ${rawBody}`) };
      if (faults?.fire('stripe:api-error', point)) throw apiError();
      if (faults?.fire('stripe:timeout', point)) {
        unanswered.add(response);
        response.once('close', () => unanswered.delete(response));
        return;
      }
      const withheld = faults?.fire('stripe:response-withheld', point) !== undefined;
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
        if (method === 'POST') save();
        answer(result.status, result.body);
        return;
      }

      headers['idempotency-key'] = idempotencyKey;
      if (idempotencyKey.length > 255) {
        throw invalidParam('Idempotency-Key must be at most 255 characters long.', undefined);
      }
      const idempotent: IdempotentRequest = {
        scopedKey: `${apiKey}\n${idempotencyKey}`,
        idempotencyKey,
        endpoint,
        fingerprint,
      };
      const stored = idempotency.replayable(idempotent);
      if (stored) {
        answer(stored.status, stored.body, {
          'idempotent-replayed': 'true',
          'original-request': stored.requestId,
        });
        return;
      }

      const createdAt = idempotency.begin(idempotent);
      const result = await execute(target, params, context);
      idempotency.finish(idempotent, createdAt, result, requestId);
      save();
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
  };
}

/** Not Stripe's: what was charged and refunded, for tests in another process. */
function writeLedger(response: ServerResponse, ledger: StripeLedger, headers: Record<string, string>): void {
  const books = { intents: ledger.intents(), refunds: ledger.refunds(), charges: ledger.charges() };
  writeJson(response, 200, books, headers);
}

/** Runs an operation; `saved` says whether an idempotent request keeps this result. */
async function executeRoute(
  target: Route,
  params: FormObject,
  context: RequestContext,
  log: Log,
): Promise<Executed> {
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
