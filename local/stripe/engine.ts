import { randomBytes } from 'node:crypto';
import { type CardBehaviour, paymentMethodObject, type TestCard, testCard } from './cards';
import { apiError, cardError, invalidParam, parameterMissing, resourceMissing, stateError } from './errors';
import {
  expandList,
  type FormObject,
  metadataParam,
  optionalBoolean,
  optionalInteger,
  optionalString,
  rejectUnknown,
  requiredString,
} from './form';
import type { Charge, PaymentIntent, PaymentMethod, Refund, StripeEvent } from './types';

/** What the HTTP layer knows about the request an operation runs for. */
export interface RequestContext {
  requestId: string;
  idempotencyKey: string | undefined;
  /**
   * Identifies "the same request" across retries (the API key plus the Idempotency-Key, or the
   * request's parameters when it has none): create-and-confirm with a flaky card counts its
   * failed attempts under it, since a failed create leaves no PaymentIntent to count them on.
   */
  attemptKey: string;
  apiVersion: string;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

export interface EngineHooks {
  /** Resolves when a `pm_card_bazaar_hang` confirmation may answer (after hangMs, or at stop()). */
  hang(): Promise<void>;
  /** Called for each event; delivery is the caller's business and must not block. */
  emit(event: StripeEvent): void;
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id: `pi_3Q…` with 24 random base-62 characters. */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return `${prefix}_${id}`;
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Minimum charge amounts, in the currency's smallest unit, for the currencies this server
 * accepts (Stripe's published minimums). Any other currency is rejected as invalid.
 */
const MINIMUM_AMOUNT: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  nzd: 50,
  chf: 50,
  sgd: 50,
  jpy: 50,
  brl: 50,
  inr: 50,
  dkk: 250,
  sek: 300,
  nok: 300,
  pln: 200,
  hkd: 400,
  mxn: 1000,
};
const MAXIMUM_AMOUNT = 99_999_999;

/** `$0.50`, `€12.00`, `¥50`: an amount in the smallest unit, written as Stripe's messages write it. */
function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

const PI_CREATE_PARAMS = [
  'amount',
  'currency',
  'payment_method',
  'confirm',
  'capture_method',
  'confirmation_method',
  'metadata',
  'description',
  'customer',
  'expand',
  'receipt_email',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'transfer_group',
  'payment_method_types',
  'automatic_payment_methods',
  'off_session',
  'return_url',
  'setup_future_usage',
  'shipping',
  'error_on_requires_action',
  'use_stripe_sdk',
  'mandate_data',
  'payment_method_options',
  'payment_method_configuration',
  'radar_options',
] as const;

const PI_CONFIRM_PARAMS = [
  'payment_method',
  'expand',
  'return_url',
  'off_session',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'error_on_requires_action',
  'mandate_data',
  'payment_method_options',
  'payment_method_types',
  'use_stripe_sdk',
  'capture_method',
  'radar_options',
] as const;

const REFUND_CREATE_PARAMS = [
  'payment_intent',
  'charge',
  'amount',
  'metadata',
  'reason',
  'expand',
  'instructions_email',
  'origin',
  'refund_application_fee',
  'reverse_transfer',
  'customer',
  'currency',
] as const;

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

function expandParam(params: FormObject, allowed: readonly string[]): string[] {
  const expand = expandList(params);
  for (const field of expand) {
    if (!allowed.includes(field))
      throw invalidParam(`This property cannot be expanded (${field}).`, 'expand');
  }
  return expand;
}

/** A page of a newest-first list, by `limit` and `starting_after` / `ending_before` (object ids). */
function pageOf<T extends { id: string }>(
  newestFirst: T[],
  query: FormObject,
): { items: T[]; hasMore: boolean } {
  const limit = optionalInteger(query, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('This value must be between 1 and 100.', 'limit');
  const after = optionalString(query, 'starting_after') || undefined;
  const before = optionalString(query, 'ending_before') || undefined;
  const cursor = after ?? before;
  const at = cursor === undefined ? -1 : newestFirst.findIndex((item) => item.id === cursor);
  if (cursor !== undefined && at < 0)
    throw resourceMissing('object', cursor, after ? 'starting_after' : 'ending_before', 400);
  if (before !== undefined) {
    const start = Math.max(0, at - limit);
    return { items: newestFirst.slice(start, at), hasMore: start > 0 };
  }
  const start = at + 1;
  return { items: newestFirst.slice(start, start + limit), hasMore: start + limit < newestFirst.length };
}

export interface EngineSnapshot {
  intents: IntentRecord[];
  charges: Charge[];
  refunds: Refund[];
  createAttempts: Array<[string, number]>;
}

interface IntentRecord {
  intent: PaymentIntent;
  /** Confirm attempts answered with a 500 so far (`pm_card_bazaar_flaky_<N>`). */
  failedAttempts: number;
}

/**
 * The server's state and Stripe's rules for PaymentIntents, Charges, Refunds and test
 * PaymentMethods. Each operation takes the parsed parameters and answers a status and a body,
 * or throws a StripeHttpError; the HTTP layer adds authentication and idempotency.
 */
export class StripeEngine {
  private readonly intentRecords = new Map<string, IntentRecord>();
  private readonly chargeRecords = new Map<string, Charge>();
  private readonly refundRecords = new Map<string, Refund>();
  private readonly createAttempts = new Map<string, number>();

  constructor(private readonly hooks: EngineHooks) {}

  /** Everything the engine holds, as plain JSON (a data dir keeps it across restarts). */
  snapshot(): EngineSnapshot {
    return {
      intents: [...this.intentRecords.values()],
      charges: [...this.chargeRecords.values()],
      refunds: [...this.refundRecords.values()],
      createAttempts: [...this.createAttempts],
    };
  }

  /** Takes back what `snapshot` gave (at start, before any request). */
  restore(snapshot: EngineSnapshot): void {
    for (const record of snapshot.intents) this.intentRecords.set(record.intent.id, record);
    for (const charge of snapshot.charges) this.chargeRecords.set(charge.id, charge);
    for (const refund of snapshot.refunds) this.refundRecords.set(refund.id, refund);
    for (const [key, count] of snapshot.createAttempts) this.createAttempts.set(key, count);
  }

  intents(): PaymentIntent[] {
    return [...this.intentRecords.values()].map((record) => structuredClone(record.intent));
  }

  charges(): Charge[] {
    return [...this.chargeRecords.values()].map((charge) => structuredClone(charge));
  }

  refunds(): Refund[] {
    return [...this.refundRecords.values()].map((refund) => structuredClone(refund));
  }

  /** `POST /v1/payment_intents` */
  async createPaymentIntent(params: FormObject, context: RequestContext): Promise<ApiResult> {
    rejectUnknown(params, PI_CREATE_PARAMS);
    const amount = optionalInteger(params, 'amount');
    if (amount === undefined) throw parameterMissing('amount');
    const currency = requiredString(params, 'currency').toLowerCase();
    const minimum = MINIMUM_AMOUNT[currency];
    if (minimum === undefined) {
      throw invalidParam(
        `Invalid currency: ${currency}. This test server supports: ${Object.keys(MINIMUM_AMOUNT).join(', ')}.`,
        'currency',
      );
    }
    if (amount < minimum) {
      throw invalidParam(
        `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`,
        'amount',
        'amount_too_small',
      );
    }
    if (amount > MAXIMUM_AMOUNT) {
      throw invalidParam(
        `Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)}`,
        'amount',
        'amount_too_large',
      );
    }
    const captureMethod = optionalString(params, 'capture_method') ?? 'automatic';
    if (captureMethod === 'manual') {
      throw invalidParam(
        'capture_method=manual is not implemented by the Bazaar Stripe test server (automatic and automatic_async are).',
        'capture_method',
      );
    }
    if (captureMethod !== 'automatic' && captureMethod !== 'automatic_async') {
      throw invalidParam(
        `Invalid capture_method: must be one of automatic, automatic_async, or manual`,
        'capture_method',
      );
    }
    const confirmationMethod = optionalString(params, 'confirmation_method') ?? 'automatic';
    if (confirmationMethod !== 'automatic' && confirmationMethod !== 'manual') {
      throw invalidParam(
        'Invalid confirmation_method: must be one of automatic or manual',
        'confirmation_method',
      );
    }
    const confirm = optionalBoolean(params, 'confirm') ?? false;
    const paymentMethod = optionalString(params, 'payment_method') || undefined;
    const card = paymentMethod === undefined ? undefined : this.cardFor(paymentMethod);
    const metadata = metadataParam(params) ?? {};
    const expand = expandParam(params, ['latest_charge', 'payment_method']);
    if (confirm && !paymentMethod) throw parameterMissing('payment_method');

    // A 500 answered before the PaymentIntent exists: nothing is created, so the retry (same
    // Idempotency-Key, not saved) creates it afresh; the failures are counted per request.
    if (confirm && card?.behaviour.kind === 'flaky') {
      const failed = this.createAttempts.get(context.attemptKey) ?? 0;
      if (failed < card.behaviour.failures) {
        this.createAttempts.set(context.attemptKey, failed + 1);
        throw apiError();
      }
      this.createAttempts.delete(context.attemptKey);
    }

    const id = randomId('pi');
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${id}_secret_${randomId('x', 25).slice(2)}`,
      confirmation_method: confirmationMethod,
      created: now(),
      currency,
      customer: optionalString(params, 'customer') ?? null,
      description: optionalString(params, 'description') ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethod ?? null,
      payment_method_options: { card: { request_three_d_secure: 'automatic' } },
      payment_method_types: ['card'],
      processing: null,
      receipt_email: optionalString(params, 'receipt_email') ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: optionalString(params, 'statement_descriptor') ?? null,
      statement_descriptor_suffix: optionalString(params, 'statement_descriptor_suffix') ?? null,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      transfer_data: null,
      transfer_group: optionalString(params, 'transfer_group') ?? null,
    };
    const record: IntentRecord = { intent, failedAttempts: 0 };
    this.intentRecords.set(id, record);
    if (confirm && paymentMethod && card) {
      return this.charge(record, paymentMethod, card, expand, context);
    }
    return { status: 200, body: this.renderIntent(intent, expand) };
  }

  /** `POST /v1/payment_intents/:id/confirm` */
  async confirmPaymentIntent(id: string, params: FormObject, context: RequestContext): Promise<ApiResult> {
    const record = this.intentRecords.get(id);
    if (!record) throw resourceMissing('payment_intent', id, 'intent', 404);
    rejectUnknown(params, PI_CONFIRM_PARAMS);
    const given = optionalString(params, 'payment_method') || undefined;
    if (given !== undefined) this.cardFor(given);
    const expand = expandParam(params, ['latest_charge', 'payment_method']);
    const { intent } = record;

    if (intent.status === 'succeeded') {
      throw stateError(
        'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
        { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) },
      );
    }
    if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
      throw stateError(
        `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
        { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) },
      );
    }
    const paymentMethod =
      given ?? (typeof intent.payment_method === 'string' ? intent.payment_method : undefined);
    if (!paymentMethod) {
      throw stateError(
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
        { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) },
      );
    }
    const card = this.cardFor(paymentMethod);
    // A 500 changes nothing, and is not saved for idempotency: the retry executes again.
    if (card.behaviour.kind === 'flaky' && record.failedAttempts < card.behaviour.failures) {
      record.failedAttempts++;
      throw apiError();
    }
    return this.charge(record, paymentMethod, card, expand, context);
  }

  /**
   * `POST /v1/payment_intents/:id/cancel` — as Stripe: only an intent that has not succeeded
   * (or been cancelled) can be cancelled; a cancelled intent can never be confirmed.
   */
  cancelPaymentIntent(id: string, params: FormObject): ApiResult {
    const record = this.intentRecords.get(id);
    if (!record) throw resourceMissing('payment_intent', id, 'intent', 404);
    rejectUnknown(params, ['cancellation_reason', 'expand']);
    const { intent } = record;
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw stateError(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) },
      );
    }
    intent.status = 'canceled';
    intent.canceled_at = Math.floor(Date.now() / 1000);
    intent.cancellation_reason = optionalString(params, 'cancellation_reason') || 'requested_by_customer';
    return {
      status: 200,
      body: this.renderIntent(intent, expandParam(params, ['latest_charge', 'payment_method'])),
    };
  }

  /** `GET /v1/payment_intents/:id` */
  retrievePaymentIntent(id: string, query: FormObject): ApiResult {
    const record = this.intentRecords.get(id);
    if (!record) throw resourceMissing('payment_intent', id, 'intent', 404);
    rejectUnknown(query, ['expand', 'client_secret']);
    const expand = expandParam(query, ['latest_charge', 'payment_method']);
    return { status: 200, body: this.renderIntent(record.intent, expand) };
  }

  /** `POST /v1/refunds` */
  createRefund(params: FormObject, context: RequestContext): ApiResult {
    rejectUnknown(params, REFUND_CREATE_PARAMS);
    const intentId = optionalString(params, 'payment_intent') || undefined;
    const chargeId = optionalString(params, 'charge') || undefined;
    if (!intentId && !chargeId) {
      throw invalidParam(
        'One of the following params should be provided for this request: payment_intent or charge.',
        undefined,
        'parameter_missing',
      );
    }
    const amount = optionalInteger(params, 'amount');
    if (amount !== undefined && amount < 1) {
      throw invalidParam(
        'This value must be greater than or equal to 1.',
        'amount',
        'parameter_invalid_integer',
      );
    }
    const reason = optionalString(params, 'reason') || null;
    if (reason !== null && !(REFUND_REASONS as readonly string[]).includes(reason)) {
      throw invalidParam(
        `Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`,
        'reason',
        'parameter_invalid_string',
      );
    }
    const metadata = metadataParam(params) ?? {};
    const expand = expandParam(params, ['charge', 'payment_intent']);

    let charge: Charge | undefined;
    if (intentId) {
      const record = this.intentRecords.get(intentId);
      if (!record) throw resourceMissing('payment_intent', intentId, 'payment_intent', 400);
      const latest = record.intent.latest_charge;
      charge =
        record.intent.status === 'succeeded' && typeof latest === 'string'
          ? this.chargeRecords.get(latest)
          : undefined;
      if (!charge) {
        throw stateError(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, {
          param: 'payment_intent',
        });
      }
      if (chargeId && chargeId !== charge.id) {
        throw invalidParam(
          `The charge ${chargeId} does not belong to the PaymentIntent ${intentId}.`,
          'charge',
        );
      }
    } else {
      charge = this.chargeRecords.get(chargeId!);
      if (!charge) throw resourceMissing('charge', chargeId!, 'charge', 400);
      if (charge.status !== 'succeeded') {
        throw stateError(`Charge ${charge.id} has failed and cannot be refunded.`, { param: 'charge' });
      }
    }

    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) {
      throw stateError(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
    }
    const refundAmount = amount ?? remaining;
    if (refundAmount > remaining) {
      throw stateError(
        `Refund amount (${formatAmount(refundAmount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }

    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += refundAmount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    const refund: Refund = {
      id: randomId('re'),
      object: 'refund',
      amount: refundAmount,
      balance_transaction: randomId('txn'),
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata,
      payment_intent: charge.payment_intent,
      reason: reason as Refund['reason'],
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.refundRecords.set(refund.id, refund);
    this.emit('charge.refunded', charge, context, previous);
    return { status: 200, body: this.renderRefund(refund, expand) };
  }

  /**
   * `GET /v1/refunds` — newest first, optionally only a PaymentIntent's (or a charge's), paged by
   * `limit` (1–100, default 10) and `starting_after`, as Stripe's list endpoints are.
   */
  listRefunds(query: FormObject): ApiResult {
    rejectUnknown(query, ['payment_intent', 'charge', 'limit', 'starting_after', 'ending_before', 'expand']);
    const intentId = optionalString(query, 'payment_intent') || undefined;
    const chargeId = optionalString(query, 'charge') || undefined;
    const expand = expandParam(query, ['data.charge', 'data.payment_intent']).map((path) => path.slice(5));
    const newestFirst = [...this.refundRecords.values()]
      .reverse()
      .filter(
        (refund) =>
          (!intentId || refund.payment_intent === intentId) && (!chargeId || refund.charge === chargeId),
      );
    const page = pageOf(newestFirst, query);
    return {
      status: 200,
      body: {
        object: 'list',
        data: page.items.map((refund) => this.renderRefund(refund, expand)),
        has_more: page.hasMore,
        url: '/v1/refunds',
      },
    };
  }

  /**
   * `GET /v1/payment_intents/search` — Stripe's search query language, the part that finds an
   * intent by what its creator stored on it: clauses `metadata['key']:'value'`, `status:'…'`
   * or `currency:'…'`, joined by `AND`. Newest first; `page` continues where `next_page` left.
   */
  searchPaymentIntents(query: FormObject): ApiResult {
    rejectUnknown(query, ['query', 'limit', 'page', 'expand']);
    const text = requiredString(query, 'query');
    const clauses = text.split(/\s+AND\s+/).map((clause) => {
      const match = /^(metadata\['([^']+)'\]|status|currency):'([^']*)'$/.exec(clause.trim());
      if (!match) {
        throw invalidParam(
          `This test server searches by metadata['key']:'value', status:'value' and currency:'value' joined by AND, not: ${clause}`,
          'query',
        );
      }
      const [, field, metadataKey, value] = match;
      return (intent: PaymentIntent) =>
        metadataKey !== undefined
          ? intent.metadata[metadataKey] === value
          : intent[field as 'status' | 'currency'] === value;
    });
    const limit = optionalInteger(query, 'limit') ?? 10;
    if (limit < 1 || limit > 100) throw invalidParam('This value must be between 1 and 100.', 'limit');
    const offset = Number(optionalString(query, 'page') ?? '0');
    const expand = expandParam(query, ['data.latest_charge', 'data.payment_method']).map((path) =>
      path.slice(5),
    );
    const matches = [...this.intentRecords.values()]
      .map((record) => record.intent)
      .reverse()
      .filter((intent) => clauses.every((clause) => clause(intent)));
    const items = matches.slice(offset, offset + limit);
    const hasMore = offset + limit < matches.length;
    return {
      status: 200,
      body: {
        object: 'search_result',
        data: items.map((intent) => this.renderIntent(intent, expand)),
        has_more: hasMore,
        next_page: hasMore ? String(offset + limit) : null,
        url: '/v1/payment_intents/search',
      },
    };
  }

  /** `GET /v1/payment_methods/:id` (the test tokens only) */
  retrievePaymentMethod(id: string, query: FormObject): ApiResult {
    rejectUnknown(query, ['expand']);
    const card = testCard(id);
    if (!card) throw resourceMissing('PaymentMethod', id, 'payment_method', 404);
    return { status: 200, body: paymentMethodObject(id, card) };
  }

  /** A payment method named in a parameter: unknown ids are a 400 `resource_missing`. */
  private cardFor(paymentMethod: string): TestCard {
    const card = testCard(paymentMethod);
    if (!card) throw resourceMissing('PaymentMethod', paymentMethod, 'payment_method', 400);
    return card;
  }

  /** Attempts the charge with the card's behaviour (flaky failures were answered already). */
  private async charge(
    record: IntentRecord,
    paymentMethod: string,
    card: TestCard,
    expand: string[],
    context: RequestContext,
  ): Promise<ApiResult> {
    const { intent } = record;
    const behaviour: CardBehaviour = card.behaviour;
    const pm = paymentMethodObject(paymentMethod, card);
    const charge = this.newCharge(intent, paymentMethod, pm, behaviour);
    this.chargeRecords.set(charge.id, charge);
    intent.latest_charge = charge.id;

    if (behaviour.kind === 'decline') {
      const lastError = {
        type: 'card_error' as const,
        code: 'card_declined',
        decline_code: behaviour.declineCode,
        message: behaviour.message,
        charge: charge.id,
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        payment_method: pm,
      };
      intent.status = 'requires_payment_method';
      intent.payment_method = null;
      intent.last_payment_error = lastError;
      throw cardError({
        code: 'card_declined',
        decline_code: behaviour.declineCode,
        message: behaviour.message,
        charge: charge.id,
        payment_intent: structuredClone(intent),
        payment_method: pm,
        request_log_url: `https://dashboard.stripe.com/test/logs/${context.requestId}`,
      });
    }

    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.payment_method = paymentMethod;
    intent.last_payment_error = null;
    this.emit('payment_intent.succeeded', intent, context);
    const body = this.renderIntent(intent, expand);
    if (behaviour.kind === 'hang') {
      // The charge has happened and the webhook is on its way; only the answer is lost. The
      // connection is held for hangMs (or until stop()), so the client times out, while a later
      // retrieve already shows `succeeded`. A retry with the same Idempotency-Key meanwhile gets
      // 409 (still in progress), and after the hang the saved success.
      await this.hooks.hang();
    }
    return { status: 200, body };
  }

  private newCharge(
    intent: PaymentIntent,
    paymentMethod: string,
    pm: PaymentMethod,
    behaviour: CardBehaviour,
  ): Charge {
    const declined = behaviour.kind === 'decline';
    return {
      id: randomId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: declined ? 0 : intent.amount,
      amount_refunded: 0,
      balance_transaction: declined ? null : randomId('txn'),
      captured: !declined,
      created: now(),
      currency: intent.currency,
      customer: intent.customer,
      description: intent.description,
      failure_code: declined ? 'card_declined' : null,
      failure_message: declined ? behaviour.message : null,
      livemode: false,
      metadata: { ...intent.metadata },
      outcome: declined
        ? {
            network_status: 'declined_by_network',
            reason: behaviour.declineCode,
            risk_level: 'normal',
            seller_message: 'The bank did not return any further details with this decline.',
            type: 'issuer_declined',
          }
        : {
            network_status: 'approved_by_network',
            reason: null,
            risk_level: 'normal',
            seller_message: 'Payment complete.',
            type: 'authorized',
          },
      paid: !declined,
      payment_intent: intent.id,
      payment_method: paymentMethod,
      payment_method_details: {
        type: 'card',
        card: {
          brand: pm.card.brand,
          last4: pm.card.last4,
          exp_month: pm.card.exp_month,
          exp_year: pm.card.exp_year,
          funding: pm.card.funding,
          country: pm.card.country,
          network: pm.card.brand,
        },
      },
      refunded: false,
      status: declined ? 'failed' : 'succeeded',
    };
  }

  private renderIntent(intent: PaymentIntent, expand: string[]): PaymentIntent {
    const copy = structuredClone(intent);
    if (expand.includes('latest_charge') && typeof copy.latest_charge === 'string') {
      const charge = this.chargeRecords.get(copy.latest_charge);
      if (charge) copy.latest_charge = structuredClone(charge);
    }
    if (expand.includes('payment_method') && typeof copy.payment_method === 'string') {
      const card = testCard(copy.payment_method);
      if (card) copy.payment_method = paymentMethodObject(copy.payment_method, card);
    }
    return copy;
  }

  private renderRefund(refund: Refund, expand: string[]): Refund {
    const copy = structuredClone(refund);
    if (expand.includes('charge') && typeof copy.charge === 'string') {
      const charge = this.chargeRecords.get(copy.charge);
      if (charge) copy.charge = structuredClone(charge);
    }
    if (expand.includes('payment_intent') && typeof copy.payment_intent === 'string') {
      const record = this.intentRecords.get(copy.payment_intent);
      if (record) copy.payment_intent = structuredClone(record.intent);
    }
    return copy;
  }

  private emit(
    type: string,
    object: unknown,
    context: RequestContext,
    previousAttributes?: Record<string, unknown>,
  ): void {
    this.hooks.emit({
      id: randomId('evt'),
      object: 'event',
      api_version: context.apiVersion,
      created: now(),
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: context.requestId, idempotency_key: context.idempotencyKey ?? null },
      type,
    });
  }
}
