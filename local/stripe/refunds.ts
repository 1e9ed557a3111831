import { formatAmount } from './amounts';
import { invalidParam, resourceMissing, stateError } from './errors';
import {
  expandParam,
  type FormObject,
  metadataParam,
  optionalInteger,
  optionalString,
  rejectUnknown,
} from './form';
import { randomId, unixSeconds } from './ids';
import type { StripeLedger } from './ledger';
import type { ApiResult, RaiseEvent, RequestContext } from './operation';
import type { Charge, Refund } from './types';

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

/**
 * Refunds of a succeeded charge, named by its PaymentIntent or by the charge itself: whole or in
 * part, never past what is left unrefunded; each raises `charge.refunded`. Refunds succeed at once.
 */
export class RefundsApi {
  constructor(
    private readonly ledger: StripeLedger,
    private readonly raise: RaiseEvent,
  ) {}

  /** `POST /v1/refunds` */
  create(params: FormObject, context: RequestContext): ApiResult {
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

    const charge = intentId ? this.intentCharge(intentId, chargeId) : this.succeededCharge(chargeId!);
    const refundAmount = refundableAmount(charge, amount);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += refundAmount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    const refund: Refund = {
      id: randomId('re'),
      object: 'refund',
      amount: refundAmount,
      balance_transaction: randomId('txn'),
      charge: charge.id,
      created: unixSeconds(),
      currency: charge.currency,
      metadata,
      payment_intent: charge.payment_intent,
      reason: reason as Refund['reason'],
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.ledger.refundRecords.set(refund.id, refund);
    this.raise('charge.refunded', charge, context, previous);
    return { status: 200, body: this.ledger.renderRefund(refund, expand) };
  }

  /**
   * `GET /v1/refunds` — newest first, optionally only a PaymentIntent's (or a charge's), paged by
   * `limit` (1–100, default 10) and `starting_after`, as Stripe's list endpoints are.
   */
  list(query: FormObject): ApiResult {
    rejectUnknown(query, ['payment_intent', 'charge', 'limit', 'starting_after', 'ending_before', 'expand']);
    const intentId = optionalString(query, 'payment_intent') || undefined;
    const chargeId = optionalString(query, 'charge') || undefined;
    const expand = expandParam(query, ['data.charge', 'data.payment_intent']).map((path) => path.slice(5));
    const newestFirst = [...this.ledger.refundRecords.values()]
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
        data: page.items.map((refund) => this.ledger.renderRefund(refund, expand)),
        has_more: page.hasMore,
        url: '/v1/refunds',
      },
    };
  }

  /** The succeeded charge of the PaymentIntent a refund names (and the charge, if it names one too). */
  private intentCharge(intentId: string, chargeId: string | undefined): Charge {
    const record = this.ledger.intentRecords.get(intentId);
    if (!record) throw resourceMissing('payment_intent', intentId, 'payment_intent', 400);
    const latest = record.intent.latest_charge;
    const charge =
      record.intent.status === 'succeeded' && typeof latest === 'string'
        ? this.ledger.chargeRecords.get(latest)
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
    return charge;
  }

  /** The charge a refund names, which must have succeeded. */
  private succeededCharge(chargeId: string): Charge {
    const charge = this.ledger.chargeRecords.get(chargeId);
    if (!charge) throw resourceMissing('charge', chargeId, 'charge', 400);
    if (charge.status !== 'succeeded') {
      throw stateError(`Charge ${charge.id} has failed and cannot be refunded.`, { param: 'charge' });
    }
    return charge;
  }
}

/** What a refund takes: the amount asked, or all that is left; never more than is left. */
function refundableAmount(charge: Charge, asked: number | undefined): number {
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) {
    throw stateError(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  }
  const refundAmount = asked ?? remaining;
  if (refundAmount > remaining) {
    throw stateError(
      `Refund amount (${formatAmount(refundAmount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  return refundAmount;
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
