import { CardCharger } from './charges';
import { randomId, unixSeconds } from './ids';
import { StripeLedger } from './ledger';
import type { RaiseEvent } from './operation';
import { PaymentIntentsApi } from './payment-intents';
import { RefundsApi } from './refunds';
import type { StripeEvent } from './types';

export interface EngineHooks {
  /** Resolves when a `pm_card_bazaar_hang` confirmation may answer (after hangMs, or at stop()). */
  hang(): Promise<void>;
  /** Called for each event; delivery is the caller's business and must not block. */
  emit(event: StripeEvent): void;
}

/**
 * The server's state and Stripe's rules: one ledger of PaymentIntents, Charges and Refunds, and
 * the operations on each resource (the test PaymentMethods hold no state: ./payment-methods.ts).
 * Each operation takes the parsed parameters and answers a status and a body, or throws a
 * StripeHttpError; the HTTP layer adds authentication and idempotency.
 */
export class StripeEngine {
  readonly ledger = new StripeLedger();
  readonly paymentIntents: PaymentIntentsApi;
  readonly refunds: RefundsApi;

  constructor(hooks: EngineHooks) {
    const raise: RaiseEvent = (type, object, context, previousAttributes) =>
      hooks.emit({
        id: randomId('evt'),
        object: 'event',
        api_version: context.apiVersion,
        created: unixSeconds(),
        data: {
          object: structuredClone(object),
          ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
        },
        livemode: false,
        pending_webhooks: 1,
        request: { id: context.requestId, idempotency_key: context.idempotencyKey ?? null },
        type,
      });
    const charger = new CardCharger(this.ledger, raise, () => hooks.hang());
    this.paymentIntents = new PaymentIntentsApi(this.ledger, charger);
    this.refunds = new RefundsApi(this.ledger, raise);
  }
}
