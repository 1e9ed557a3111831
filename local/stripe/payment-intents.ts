import { chargeAmount } from './amounts';
import type { TestCard } from './cards';
import type { CardCharger } from './charges';
import { apiError, invalidParam, parameterMissing, resourceMissing, stateError } from './errors';
import {
  expandParam,
  type FormObject,
  metadataParam,
  optionalBoolean,
  optionalInteger,
  optionalString,
  rejectUnknown,
  requiredString,
} from './form';
import { randomId, unixSeconds } from './ids';
import type { IntentRecord, StripeLedger } from './ledger';
import type { ApiResult, RequestContext } from './operation';
import { cardFor } from './payment-methods';
import type { PaymentIntent } from './types';

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

const INTENT_EXPANSIONS = ['latest_charge', 'payment_method'];

/** What a create request asks for, its parameters checked in the order Stripe checks them. */
interface IntentRequest {
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'automatic_async';
  confirmationMethod: 'automatic' | 'manual';
  confirm: boolean;
  paymentMethod: string | undefined;
  card: TestCard | undefined;
  metadata: Record<string, string>;
  expand: string[];
}

/**
 * PaymentIntents as Stripe runs them for a card with automatic capture: create (and confirm),
 * confirm, cancel, retrieve, and search by what their creator stored on them.
 */
export class PaymentIntentsApi {
  constructor(
    private readonly ledger: StripeLedger,
    private readonly charger: CardCharger,
  ) {}

  /** `POST /v1/payment_intents` */
  async create(params: FormObject, context: RequestContext): Promise<ApiResult> {
    const request = intentRequest(params);
    const { confirm, paymentMethod, card } = request;
    // A 500 answered before the PaymentIntent exists: nothing is created, so the retry (same
    // Idempotency-Key, not saved) creates it afresh; the failures are counted per request.
    if (confirm && card?.behaviour.kind === 'flaky') {
      const attempts = this.ledger.createAttempts;
      const failed = attempts.get(context.attemptKey) ?? 0;
      if (failed < card.behaviour.failures) {
        attempts.set(context.attemptKey, failed + 1);
        throw apiError();
      }
      attempts.delete(context.attemptKey);
    }

    const intent = newIntent(request, params);
    const record: IntentRecord = { intent, failedAttempts: 0 };
    this.ledger.intentRecords.set(intent.id, record);
    if (confirm && paymentMethod && card) {
      return this.charger.charge(record, paymentMethod, card, request.expand, context);
    }
    return { status: 200, body: this.ledger.renderIntent(intent, request.expand) };
  }

  /** `POST /v1/payment_intents/:id/confirm` */
  async confirm(id: string, params: FormObject, context: RequestContext): Promise<ApiResult> {
    const record = this.record(id);
    rejectUnknown(params, PI_CONFIRM_PARAMS);
    const given = optionalString(params, 'payment_method') || undefined;
    if (given !== undefined) cardFor(given);
    const expand = expandParam(params, INTENT_EXPANSIONS);
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
    const card = cardFor(paymentMethod);
    // A 500 changes nothing, and is not saved for idempotency: the retry executes again.
    if (card.behaviour.kind === 'flaky' && record.failedAttempts < card.behaviour.failures) {
      record.failedAttempts++;
      throw apiError();
    }
    return this.charger.charge(record, paymentMethod, card, expand, context);
  }

  /**
   * `POST /v1/payment_intents/:id/cancel` — as Stripe: only an intent that has not succeeded
   * (or been cancelled) can be cancelled; a cancelled intent can never be confirmed.
   */
  cancel(id: string, params: FormObject): ApiResult {
    const record = this.record(id);
    rejectUnknown(params, ['cancellation_reason', 'expand']);
    const { intent } = record;
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw stateError(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) },
      );
    }
    intent.status = 'canceled';
    intent.canceled_at = unixSeconds();
    intent.cancellation_reason = optionalString(params, 'cancellation_reason') || 'requested_by_customer';
    return {
      status: 200,
      body: this.ledger.renderIntent(intent, expandParam(params, INTENT_EXPANSIONS)),
    };
  }

  /** `GET /v1/payment_intents/:id` */
  retrieve(id: string, query: FormObject): ApiResult {
    const record = this.record(id);
    rejectUnknown(query, ['expand', 'client_secret']);
    const expand = expandParam(query, INTENT_EXPANSIONS);
    return { status: 200, body: this.ledger.renderIntent(record.intent, expand) };
  }

  /**
   * `GET /v1/payment_intents/search` — Stripe's search query language, the part that finds an
   * intent by what its creator stored on it: clauses `metadata['key']:'value'`, `status:'…'`
   * or `currency:'…'`, joined by `AND`. Newest first; `page` continues where `next_page` left.
   */
  search(query: FormObject): ApiResult {
    rejectUnknown(query, ['query', 'limit', 'page', 'expand']);
    const matchesQuery = searchQuery(requiredString(query, 'query'));
    const limit = optionalInteger(query, 'limit') ?? 10;
    if (limit < 1 || limit > 100) throw invalidParam('This value must be between 1 and 100.', 'limit');
    const offset = Number(optionalString(query, 'page') ?? '0');
    const expand = expandParam(query, ['data.latest_charge', 'data.payment_method']).map((path) =>
      path.slice(5),
    );
    const matches = [...this.ledger.intentRecords.values()]
      .map((record) => record.intent)
      .reverse()
      .filter(matchesQuery);
    const items = matches.slice(offset, offset + limit);
    const hasMore = offset + limit < matches.length;
    return {
      status: 200,
      body: {
        object: 'search_result',
        data: items.map((intent) => this.ledger.renderIntent(intent, expand)),
        has_more: hasMore,
        next_page: hasMore ? String(offset + limit) : null,
        url: '/v1/payment_intents/search',
      },
    };
  }

  /** The intent a URL names: unknown ids are a 404 `resource_missing`. */
  private record(id: string): IntentRecord {
    const record = this.ledger.intentRecords.get(id);
    if (!record) throw resourceMissing('payment_intent', id, 'intent', 404);
    return record;
  }
}

/** A create request's parameters, checked; the optional texts are read as the intent is made. */
function intentRequest(params: FormObject): IntentRequest {
  rejectUnknown(params, PI_CREATE_PARAMS);
  const { amount, currency } = chargeAmount(params);
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
  const card = paymentMethod === undefined ? undefined : cardFor(paymentMethod);
  const metadata = metadataParam(params) ?? {};
  const expand = expandParam(params, INTENT_EXPANSIONS);
  if (confirm && !paymentMethod) throw parameterMissing('payment_method');
  return {
    amount,
    currency,
    captureMethod,
    confirmationMethod,
    confirm,
    paymentMethod,
    card,
    metadata,
    expand,
  };
}

function newIntent(request: IntentRequest, params: FormObject): PaymentIntent {
  const id = randomId('pi');
  return {
    id,
    object: 'payment_intent',
    amount: request.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: request.captureMethod,
    client_secret: `${id}_secret_${randomId('x', 25).slice(2)}`,
    confirmation_method: request.confirmationMethod,
    created: unixSeconds(),
    currency: request.currency,
    customer: optionalString(params, 'customer') ?? null,
    description: optionalString(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: request.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: request.paymentMethod ?? null,
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
    status: request.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: optionalString(params, 'transfer_group') ?? null,
  };
}

/** The intents a search query matches: `metadata['key']:'value'`, `status:'…'`, `currency:'…'`, AND-ed. */
function searchQuery(text: string): (intent: PaymentIntent) => boolean {
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
  return (intent) => clauses.every((clause) => clause(intent));
}
