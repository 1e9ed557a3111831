import { type CardBehaviour, paymentMethodObject, type TestCard } from './cards';
import { cardError } from './errors';
import { randomId, unixSeconds } from './ids';
import type { IntentRecord, StripeLedger } from './ledger';
import type { ApiResult, RaiseEvent, RequestContext } from './operation';
import type { Charge, PaymentIntent, PaymentMethod } from './types';

/**
 * Charges a confirmed PaymentIntent with its test card: one Charge per attempt, then the card's
 * behaviour — declined (402, the intent back to `requires_payment_method`), succeeded (with
 * `payment_intent.succeeded`), or succeeded with the answer withheld (`pm_card_bazaar_hang`).
 * A flaky card's failures were answered before the charge, as they leave no trace.
 */
export class CardCharger {
  constructor(
    private readonly ledger: StripeLedger,
    private readonly raise: RaiseEvent,
    /** Resolves when a `pm_card_bazaar_hang` confirmation may answer. */
    private readonly hang: () => Promise<void>,
  ) {}

  async charge(
    record: IntentRecord,
    paymentMethod: string,
    card: TestCard,
    expand: string[],
    context: RequestContext,
  ): Promise<ApiResult> {
    const { intent } = record;
    const behaviour: CardBehaviour = card.behaviour;
    const pm = paymentMethodObject(paymentMethod, card);
    const charge = newCharge(intent, paymentMethod, pm, behaviour);
    this.ledger.chargeRecords.set(charge.id, charge);
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
    this.raise('payment_intent.succeeded', intent, context);
    const body = this.ledger.renderIntent(intent, expand);
    if (behaviour.kind === 'hang') {
      // The charge has happened and the webhook is on its way; only the answer is lost. The
      // connection is held for hangMs (or until stop()), so the client times out, while a later
      // retrieve already shows `succeeded`. A retry with the same Idempotency-Key meanwhile gets
      // 409 (still in progress), and after the hang the saved success.
      await this.hang();
    }
    return { status: 200, body };
  }
}

function newCharge(
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
    created: unixSeconds(),
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
