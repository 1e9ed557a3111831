import type { PaymentMethod } from './types';

/**
 * The test payment methods the server knows, and what confirming a PaymentIntent with each does.
 *
 * Stripe's own test tokens:
 *   pm_card_visa                             succeeds (visa •••• 4242)
 *   pm_card_mastercard                       succeeds (mastercard •••• 4444)
 *   pm_card_chargeDeclined                   402 card_declined / generic_decline (visa •••• 0002)
 *   pm_card_chargeDeclinedInsufficientFunds  402 card_declined / insufficient_funds (visa •••• 9995)
 *
 * Bazaar's own, for the failure paths a real provider produces but its test mode cannot:
 *   pm_card_bazaar_flaky_<N>  the first N confirm attempts of each PaymentIntent answer HTTP 500
 *                             `api_error` (not saved for idempotency, so a retry with the same
 *                             Idempotency-Key executes again); the next attempt succeeds.
 *   pm_card_bazaar_hang       the charge SUCCEEDS at once, server-side, and then the confirm
 *                             response is withheld for `hangMs` (or until stop()). The client
 *                             times out without knowing the outcome, yet a later retrieve shows
 *                             `succeeded` and the `payment_intent.succeeded` webhook has been
 *                             sent: the "charged but the answer was lost" case a reconciler must
 *                             finish rather than charge again.
 */
export type CardBehaviour =
  | { kind: 'succeed' }
  | { kind: 'decline'; declineCode: 'generic_decline' | 'insufficient_funds'; message: string }
  | { kind: 'flaky'; failures: number }
  | { kind: 'hang' };

export interface TestCard {
  brand: 'visa' | 'mastercard';
  last4: string;
  funding: 'credit' | 'debit';
  behaviour: CardBehaviour;
}

const visa = (last4: string, behaviour: CardBehaviour): TestCard => ({
  brand: 'visa',
  last4,
  funding: 'credit',
  behaviour,
});

const FIXED: Record<string, TestCard> = {
  pm_card_visa: visa('4242', { kind: 'succeed' }),
  pm_card_mastercard: {
    brand: 'mastercard',
    last4: '4444',
    funding: 'credit',
    behaviour: { kind: 'succeed' },
  },
  pm_card_chargeDeclined: visa('0002', {
    kind: 'decline',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  }),
  pm_card_chargeDeclinedInsufficientFunds: visa('9995', {
    kind: 'decline',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  }),
  pm_card_bazaar_hang: visa('4242', { kind: 'hang' }),
};

/** The test card behind a payment method id, or undefined when the id is not a known token. */
export function testCard(id: string): TestCard | undefined {
  if (Object.hasOwn(FIXED, id)) return FIXED[id];
  const flaky = /^pm_card_bazaar_flaky_(\d{1,4})$/.exec(id);
  if (flaky) return visa('4242', { kind: 'flaky', failures: Number(flaky[1]) });
  return undefined;
}

const CREATED = Math.floor(Date.UTC(2024, 0, 1) / 1000);

export function paymentMethodObject(id: string, card: TestCard): PaymentMethod {
  return {
    id,
    object: 'payment_method',
    type: 'card',
    card: {
      brand: card.brand,
      last4: card.last4,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      funding: card.funding,
      country: 'US',
      display_brand: card.brand,
      networks: { available: [card.brand], preferred: null },
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      wallet: null,
    },
    billing_details: { address: null, email: null, name: null, phone: null },
    created: CREATED,
    customer: null,
    livemode: false,
    metadata: {},
  };
}
