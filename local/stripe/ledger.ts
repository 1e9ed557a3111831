import { paymentMethodObject, testCard } from './cards';
import type { Charge, PaymentIntent, Refund } from './types';

export interface IntentRecord {
  intent: PaymentIntent;
  /** Confirm attempts answered with a 500 so far (`pm_card_bazaar_flaky_<N>`). */
  failedAttempts: number;
}

export interface LedgerSnapshot {
  intents: IntentRecord[];
  charges: Charge[];
  refunds: Refund[];
  createAttempts: Array<[string, number]>;
}

/**
 * What the server has charged and refunded: PaymentIntents, Charges and Refunds in the order
 * they were made, and the failed create-and-confirm attempts of flaky cards per request. The
 * operations change the records in place; what leaves the ledger is a copy, expanded on request.
 */
export class StripeLedger {
  readonly intentRecords = new Map<string, IntentRecord>();
  readonly chargeRecords = new Map<string, Charge>();
  readonly refundRecords = new Map<string, Refund>();
  /** Failed create-and-confirm attempts by `RequestContext.attemptKey`. */
  readonly createAttempts = new Map<string, number>();

  /** Everything the ledger holds, as plain JSON (a data dir keeps it across restarts). */
  snapshot(): LedgerSnapshot {
    return {
      intents: [...this.intentRecords.values()],
      charges: [...this.chargeRecords.values()],
      refunds: [...this.refundRecords.values()],
      createAttempts: [...this.createAttempts],
    };
  }

  /** Takes back what `snapshot` gave (at start, before any request). */
  restore(snapshot: LedgerSnapshot): void {
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

  /** A copy of the intent, with `latest_charge` and `payment_method` expanded when asked. */
  renderIntent(intent: PaymentIntent, expand: string[]): PaymentIntent {
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

  /** A copy of the refund, with `charge` and `payment_intent` expanded when asked. */
  renderRefund(refund: Refund, expand: string[]): Refund {
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
}
