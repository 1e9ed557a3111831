import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type StripeTestServer, startStripeServer } from '../../../local/stripe-server';
import { eventually } from '../../support/api';

/** The real `stripe` package, pointed at the test server as Bazaar's adapter points it. */
function clientFor(
  server: StripeTestServer,
  settings: { maxNetworkRetries?: number; timeout?: number } = {},
) {
  return new Stripe('sk_test_local', {
    host: server.host,
    port: server.port,
    protocol: server.protocol,
    maxNetworkRetries: settings.maxNetworkRetries ?? 0,
    ...(settings.timeout ? { timeout: settings.timeout } : {}),
  });
}

/** The rejection of a promise that must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

let uniqueCounter = 0;
const unique = (label: string) => `${label}-${Date.now()}-${++uniqueCounter}`;

interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A local webhook endpoint that records what it receives and can fail the first N deliveries. */
async function startWebhookListener() {
  const received: ReceivedWebhook[] = [];
  let failuresLeft = 0;
  let attempts = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      attempts++;
      if (failuresLeft > 0) {
        failuresLeft--;
        response.writeHead(503).end('try again');
        return;
      }
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    attempts: () => attempts,
    failNext: (count: number) => {
      failuresLeft = count;
    },
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

describe('Stripe-compatible test server, through the real stripe package', () => {
  const HANG_MS = 1500;
  let server: StripeTestServer;
  let stripe: Stripe;
  let retrying: Stripe;
  let listener: Awaited<ReturnType<typeof startWebhookListener>>;
  const logged: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    listener = await startWebhookListener();
    server = await startStripeServer({
      hangMs: HANG_MS,
      webhookRetryBaseMs: 20,
      log: (_message, fields) => logged.push(fields),
    });
    server.setWebhookUrl(listener.url);
    stripe = clientFor(server);
    retrying = clientFor(server, { maxNetworkRetries: 3 });
  });

  afterAll(async () => {
    await server.stop();
    await listener.stop();
  });

  const webhooksFor = (type: string, objectId: string) =>
    listener.received
      .map((hook) => JSON.parse(hook.body) as Stripe.Event)
      .filter((event) => event.type === type && (event.data.object as { id: string }).id === objectId);

  describe('PaymentIntents', () => {
    it('creates a PaymentIntent and confirms it: succeeded, with a charge', async () => {
      const created = await stripe.paymentIntents.create({
        amount: 2599,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        metadata: { order_id: 'ord_create_confirm' },
        description: 'Bazaar order ord_create_confirm',
        customer: 'cus_ignored',
      });
      expect(created).toMatchObject({
        object: 'payment_intent',
        amount: 2599,
        amount_received: 0,
        currency: 'usd',
        status: 'requires_confirmation',
        payment_method: 'pm_card_visa',
        metadata: { order_id: 'ord_create_confirm' },
        livemode: false,
        last_payment_error: null,
        latest_charge: null,
      });
      expect(created.id).toMatch(/^pi_\w+$/);
      expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_\\w+$`));
      expect(created.created).toBeGreaterThan(1_600_000_000);

      const confirmed = await stripe.paymentIntents.confirm(created.id);
      expect(confirmed).toMatchObject({ id: created.id, status: 'succeeded', amount_received: 2599 });
      expect(confirmed.latest_charge).toMatch(/^ch_\w+$/);

      const retrieved = await stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
      expect(retrieved.status).toBe('succeeded');
      expect(retrieved.latest_charge).toMatchObject({
        id: confirmed.latest_charge,
        object: 'charge',
        amount: 2599,
        amount_refunded: 0,
        paid: true,
        status: 'succeeded',
        payment_intent: created.id,
        payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
      });
    });

    it('creates and confirms in one call with confirm: true', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 5000,
        currency: 'usd',
        payment_method: 'pm_card_mastercard',
        confirm: true,
      });
      expect(intent).toMatchObject({ status: 'succeeded', amount_received: 5000 });
      const charge = server.charges().find((c) => c.id === intent.latest_charge);
      expect(charge?.payment_method_details.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
    });

    it('a decline is a StripeCardError carrying the PaymentIntent, now requires_payment_method', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 1200,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
      });
      const error = await rejectionOf(stripe.paymentIntents.confirm(intent.id));
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({
        type: 'StripeCardError',
        statusCode: 402,
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      });
      expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method' });
      expect(error.charge).toMatch(/^ch_/);

      const after = await stripe.paymentIntents.retrieve(intent.id);
      expect(after.status).toBe('requires_payment_method');
      expect(after.amount_received).toBe(0);
      expect(after.last_payment_error).toMatchObject({
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
      });

      // The customer can try another card on the same PaymentIntent.
      const retried = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
      expect(retried).toMatchObject({ status: 'succeeded', amount_received: 1200, last_payment_error: null });
    });

    it('reports insufficient funds as its decline_code', async () => {
      const error = await rejectionOf(
        stripe.paymentIntents.create({
          amount: 1200,
          currency: 'usd',
          payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
          confirm: true,
        }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      });
      expect(error.payment_intent.status).toBe('requires_payment_method');
    });

    it('refuses to confirm a PaymentIntent that already succeeded', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 800,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      const error = await rejectionOf(stripe.paymentIntents.confirm(intent.id));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
      expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'succeeded' });
      expect(server.charges().filter((c) => c.payment_intent === intent.id)).toHaveLength(1);
    });

    it('validates parameters as Stripe does', async () => {
      const tooSmall = await rejectionOf(stripe.paymentIntents.create({ amount: 49, currency: 'usd' }));
      expect(tooSmall).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(tooSmall).toMatchObject({ code: 'amount_too_small', param: 'amount' });
      expect(tooSmall.message).toBe('Amount must be at least $0.50 usd');

      const unknownToken = await rejectionOf(
        stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_nope' }),
      );
      expect(unknownToken).toMatchObject({
        statusCode: 400,
        code: 'resource_missing',
        param: 'payment_method',
        message: "No such PaymentMethod: 'pm_card_nope'",
      });

      const unknownParam = await rejectionOf(
        stripe.paymentIntents.create({ amount: 1000, currency: 'usd', colour: 'red' } as never),
      );
      expect(unknownParam).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' });

      const missing = await rejectionOf(stripe.paymentIntents.create({ currency: 'usd' } as never));
      expect(missing).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    });

    it('answers 404 resource_missing for an unknown PaymentIntent', async () => {
      const error = await rejectionOf(stripe.paymentIntents.retrieve('pi_doesnotexist'));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({
        statusCode: 404,
        code: 'resource_missing',
        param: 'intent',
        message: "No such payment_intent: 'pi_doesnotexist'",
      });
      const confirm = await rejectionOf(stripe.paymentIntents.confirm('pi_doesnotexist'));
      expect(confirm).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    });
  });

  describe('payment methods', () => {
    it('retrieves a test payment method', async () => {
      const method = await stripe.paymentMethods.retrieve('pm_card_visa');
      expect(method).toMatchObject({
        id: 'pm_card_visa',
        object: 'payment_method',
        type: 'card',
        card: { brand: 'visa', last4: '4242', exp_month: 12, funding: 'credit' },
      });
      expect(method.card!.exp_year).toBeGreaterThan(new Date().getUTCFullYear());
      const mastercard = await stripe.paymentMethods.retrieve('pm_card_mastercard');
      expect(mastercard.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
    });

    it('answers 404 resource_missing for an unknown payment method', async () => {
      const error = await rejectionOf(stripe.paymentMethods.retrieve('pm_unknown'));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    });
  });

  describe('idempotency', () => {
    it('replays the first response for the same key and parameters, and creates nothing again', async () => {
      const key = unique('idem-create');
      const orderId = unique('ord');
      const params = {
        amount: 3100,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        metadata: { order_id: orderId },
      };
      const first = await stripe.paymentIntents.create(params, { idempotencyKey: key });
      const second = await stripe.paymentIntents.create(params, { idempotencyKey: key });
      expect(second.id).toBe(first.id);
      expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
      expect(server.intents().filter((intent) => intent.metadata.order_id === orderId)).toHaveLength(1);
    });

    it('rejects the same key with different parameters: StripeIdempotencyError', async () => {
      const key = unique('idem-mismatch');
      await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: key });
      const error = await rejectionOf(
        stripe.paymentIntents.create({ amount: 2000, currency: 'usd' }, { idempotencyKey: key }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(error).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });

      const otherEndpoint = await rejectionOf(
        stripe.refunds.create({ payment_intent: 'pi_x' }, { idempotencyKey: key }),
      );
      expect(otherEndpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    });

    it('saves a decline: the retry replays the 402 without a second charge attempt', async () => {
      const key = unique('idem-decline');
      const orderId = unique('ord');
      const params = {
        amount: 1500,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
        metadata: { order_id: orderId },
      };
      const first = await rejectionOf(stripe.paymentIntents.create(params, { idempotencyKey: key }));
      const second = await rejectionOf(stripe.paymentIntents.create(params, { idempotencyKey: key }));
      expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(second.payment_intent.id).toBe(first.payment_intent.id);
      expect(second.headers['idempotent-replayed']).toBe('true');
      const intents = server.intents().filter((intent) => intent.metadata.order_id === orderId);
      expect(intents).toHaveLength(1);
      expect(server.charges().filter((charge) => charge.payment_intent === intents[0]!.id)).toHaveLength(1);
    });

    it('does not save a validation error: the same key may then be used with corrected parameters', async () => {
      const key = unique('idem-invalid');
      const error = await rejectionOf(
        stripe.paymentIntents.create({ amount: 10, currency: 'usd' }, { idempotencyKey: key }),
      );
      expect(error).toMatchObject({ code: 'amount_too_small' });
      const intent = await stripe.paymentIntents.create(
        { amount: 1000, currency: 'usd' },
        { idempotencyKey: key },
      );
      expect(intent.amount).toBe(1000);
    });
  });

  describe('provider failures', () => {
    it('flaky_2 with maxNetworkRetries 3 and one idempotency key: succeeds, charged exactly once', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 4200,
        currency: 'usd',
        payment_method: 'pm_card_bazaar_flaky_2',
      });
      const confirmed = await retrying.paymentIntents.confirm(
        intent.id,
        {},
        { idempotencyKey: unique('flaky') },
      );
      expect(confirmed.status).toBe('succeeded');
      const charges = server.charges().filter((charge) => charge.payment_intent === intent.id);
      expect(charges).toEqual([expect.objectContaining({ status: 'succeeded', amount: 4200 })]);
    });

    it('flaky create-and-confirm is retried under one key into exactly one PaymentIntent', async () => {
      const orderId = unique('ord');
      const confirmed = await retrying.paymentIntents.create(
        {
          amount: 4300,
          currency: 'usd',
          payment_method: 'pm_card_bazaar_flaky_2',
          confirm: true,
          metadata: { order_id: orderId },
        },
        { idempotencyKey: unique('flaky-create') },
      );
      expect(confirmed.status).toBe('succeeded');
      const intents = server.intents().filter((intent) => intent.metadata.order_id === orderId);
      expect(intents).toEqual([expect.objectContaining({ id: confirmed.id, status: 'succeeded' })]);
      expect(server.charges().filter((charge) => charge.payment_intent === confirmed.id)).toHaveLength(1);
    });

    it('flaky without retries is a StripeAPIError (500), not saved: the same key executes again', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 4400,
        currency: 'usd',
        payment_method: 'pm_card_bazaar_flaky_2',
      });
      const key = unique('flaky-no-retry');
      const first = await rejectionOf(stripe.paymentIntents.confirm(intent.id, {}, { idempotencyKey: key }));
      expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect(first).toMatchObject({ statusCode: 500, rawType: 'api_error' });
      const second = await rejectionOf(stripe.paymentIntents.confirm(intent.id, {}, { idempotencyKey: key }));
      expect(second).toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_confirmation');
      const third = await stripe.paymentIntents.confirm(intent.id, {}, { idempotencyKey: key });
      expect(third.status).toBe('succeeded');
      expect(third.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    });

    it('hang: the client times out, but the charge happened and a later retrieve shows succeeded', async () => {
      const impatient = clientFor(server, { timeout: 300 });
      const intent = await stripe.paymentIntents.create({
        amount: 4500,
        currency: 'usd',
        payment_method: 'pm_card_bazaar_hang',
        metadata: { order_id: 'ord_hang' },
      });
      const key = unique('hang');
      const startedAt = Date.now();
      const timedOut = await rejectionOf(
        impatient.paymentIntents.confirm(intent.id, {}, { idempotencyKey: key }),
      );
      expect(timedOut).toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect(timedOut.message).toMatch(/timeout/i);
      expect(Date.now() - startedAt).toBeLessThan(HANG_MS);

      const retrieved = await stripe.paymentIntents.retrieve(intent.id);
      expect(retrieved).toMatchObject({ status: 'succeeded', amount_received: 4500 });

      // While the first request still "executes", the same key is a 409 (concurrent request).
      const concurrent = await rejectionOf(
        stripe.paymentIntents.confirm(intent.id, {}, { idempotencyKey: key }),
      );
      expect(concurrent).toMatchObject({ statusCode: 409, rawType: 'idempotency_error' });

      // Once it has finished (the key stops answering 409), the same key replays the success;
      // there is still one charge.
      const replayed = await eventually(async () => {
        const attempt = await stripe.paymentIntents
          .confirm(intent.id, {}, { idempotencyKey: key })
          .catch((error: { statusCode?: number }) => {
            if (error.statusCode === 409) return undefined;
            throw error;
          });
        return attempt;
      }, HANG_MS * 3);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(HANG_MS);
      expect(replayed.status).toBe('succeeded');
      expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(server.charges().filter((charge) => charge.payment_intent === intent.id)).toHaveLength(1);

      await server.webhooksIdle();
      expect(webhooksFor('payment_intent.succeeded', intent.id)).toHaveLength(1);
    });

    it('stop() ends a hanging confirmation', async () => {
      const own = await startStripeServer();
      const client = clientFor(own, { timeout: 60_000 });
      const intent = await client.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_bazaar_hang',
      });
      const pending = rejectionOf(client.paymentIntents.confirm(intent.id));
      // The charge happens at once; the answer is what hangs.
      await eventually(async () => (own.intents()[0]?.status === 'succeeded' ? true : undefined));
      const startedAt = Date.now();
      await own.stop();
      const error = await pending;
      expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
      expect(Date.now() - startedAt).toBeLessThan(5000);
    });
  });

  describe('refunds', () => {
    const succeededIntent = async (amount: number) =>
      stripe.paymentIntents.create({
        amount,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });

    it('refunds partially, then the rest by default, then rejects any more', async () => {
      const intent = await succeededIntent(1000);
      const partial = await stripe.refunds.create({
        payment_intent: intent.id,
        amount: 300,
        metadata: { return_id: 'ret_1' },
      });
      expect(partial).toMatchObject({
        object: 'refund',
        amount: 300,
        status: 'succeeded',
        payment_intent: intent.id,
        charge: intent.latest_charge,
        metadata: { return_id: 'ret_1' },
        currency: 'usd',
      });
      expect(partial.id).toMatch(/^re_\w+$/);

      const rest = await stripe.refunds.create({ payment_intent: intent.id });
      expect(rest.amount).toBe(700);
      const after = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
      expect(after.latest_charge).toMatchObject({ amount_refunded: 1000, refunded: true });

      const again = await rejectionOf(stripe.refunds.create({ payment_intent: intent.id, amount: 1 }));
      expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
    });

    it('rejects refunding more than remains', async () => {
      const intent = await succeededIntent(1000);
      await stripe.refunds.create({ payment_intent: intent.id, amount: 600 });
      const error = await rejectionOf(stripe.refunds.create({ payment_intent: intent.id, amount: 500 }));
      expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
      expect(error.message).toBe('Refund amount ($5.00) is greater than unrefunded amount on charge ($4.00)');
      expect(server.refunds().filter((refund) => refund.payment_intent === intent.id)).toHaveLength(1);
    });

    it('rejects refunding a PaymentIntent that has not succeeded', async () => {
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
      const error = await rejectionOf(stripe.refunds.create({ payment_intent: intent.id }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      const missing = await rejectionOf(stripe.refunds.create({ payment_intent: 'pi_missing' }));
      expect(missing).toMatchObject({ statusCode: 400, code: 'resource_missing' });
    });

    it('an idempotent refund key refunds once', async () => {
      const intent = await succeededIntent(2000);
      const key = unique('refund');
      const first = await stripe.refunds.create(
        { payment_intent: intent.id, amount: 500 },
        { idempotencyKey: key },
      );
      const second = await stripe.refunds.create(
        { payment_intent: intent.id, amount: 500 },
        { idempotencyKey: key },
      );
      expect(second.id).toBe(first.id);
      expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(server.refunds().filter((refund) => refund.payment_intent === intent.id)).toHaveLength(1);
      const charge = server.charges().find((c) => c.id === intent.latest_charge);
      expect(charge?.amount_refunded).toBe(500);
    });
  });

  describe('webhooks', () => {
    it('sends payment_intent.succeeded, signed so stripe.webhooks.constructEvent verifies it', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 6100,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
        metadata: { order_id: 'ord_webhook' },
      });
      await server.webhooksIdle();
      const [delivered] = listener.received.filter((hook) => hook.body.includes(intent.id));
      expect(delivered).toBeDefined();
      const event = stripe.webhooks.constructEvent(
        delivered!.body,
        delivered!.headers['stripe-signature'] as string,
        server.webhookSecret,
      );
      expect(event).toMatchObject({
        object: 'event',
        type: 'payment_intent.succeeded',
        livemode: false,
        data: { object: { id: intent.id, status: 'succeeded', metadata: { order_id: 'ord_webhook' } } },
      });
      expect(event.id).toMatch(/^evt_\w+$/);
      expect(typeof event.api_version).toBe('string');
      expect(() =>
        stripe.webhooks.constructEvent(
          delivered!.body,
          delivered!.headers['stripe-signature'] as string,
          'whsec_not_the_secret',
        ),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    });

    it('sends charge.refunded when a refund is created', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      await stripe.refunds.create({ payment_intent: intent.id, amount: 750 });
      await server.webhooksIdle();
      const events = webhooksFor('charge.refunded', intent.latest_charge as string);
      expect(events).toHaveLength(1);
      expect(events[0]!.data.object).toMatchObject({
        object: 'charge',
        amount_refunded: 750,
        refunded: false,
      });
    });

    it('retries a delivery the endpoint did not accept', async () => {
      listener.failNext(2);
      const attemptsBefore = listener.attempts();
      const delivery = await server.sendWebhook({
        type: 'payment_intent.succeeded',
        data: { object: { id: 'pi_from_test', object: 'payment_intent', status: 'succeeded' } },
      });
      expect(delivery).toMatchObject({ delivered: true, attempts: 3, status: 200 });
      expect(listener.attempts() - attemptsBefore).toBe(3);
      const [received] = listener.received.filter((hook) => hook.body.includes('pi_from_test'));
      const event = stripe.webhooks.constructEvent(
        received!.body,
        received!.headers['stripe-signature'] as string,
        server.webhookSecret,
      );
      expect(event).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', livemode: false });
    });

    it('gives up quietly on an endpoint that never answers, without failing the API call', async () => {
      const own = await startStripeServer({
        webhookUrl: 'http://127.0.0.1:9/unreachable',
        webhookMaxAttempts: 2,
        webhookRetryBaseMs: 5,
        log: () => undefined,
      });
      const client = clientFor(own);
      const intent = await client.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      expect(intent.status).toBe('succeeded');
      await own.webhooksIdle();
      expect(own.events().map((event) => event.type)).toEqual(['payment_intent.succeeded']);
      await own.stop();
    });
  });

  describe('HTTP surface', () => {
    it('requires a secret test key: 401 otherwise', async () => {
      const response = await fetch(`${server.url}/v1/payment_intents/pi_x`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });

      const live = new Stripe('sk_live_0123456789abcdef', {
        host: server.host,
        port: server.port,
        protocol: 'http',
        maxNetworkRetries: 0,
      });
      const error = await rejectionOf(live.paymentIntents.retrieve('pi_x'));
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    });

    it('answers 404 for a URL it does not know, as Stripe does', async () => {
      const response = await fetch(`${server.url}/v1/customers`, {
        headers: { authorization: 'Bearer sk_test_local' },
      });
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { type: string; message: string } };
      expect(body.error.type).toBe('invalid_request_error');
      expect(body.error.message).toContain('Unrecognized request URL (GET: /v1/customers)');
      expect(response.headers.get('request-id')).toMatch(/^req_/);
    });

    it('lists intents and refunds for another process at GET /_bazaar/intents', async () => {
      const intent = await stripe.paymentIntents.create({
        amount: 990,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      await stripe.refunds.create({ payment_intent: intent.id, amount: 90 });
      const response = await fetch(`${server.url}/_bazaar/intents`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        intents: Array<{ id: string }>;
        refunds: Array<{ amount: number; payment_intent: string }>;
      };
      expect(body.intents.map((i) => i.id)).toContain(intent.id);
      expect(body.refunds.filter((r) => r.payment_intent === intent.id)).toEqual([
        expect.objectContaining({ amount: 90 }),
      ]);
    });
  });
});
