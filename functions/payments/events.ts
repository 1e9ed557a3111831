import { z } from 'zod';
import { defineEvent } from '../../shared/events';

/**
 * Stripe told us a PaymentIntent for an order succeeded (its webhook). Orders settles the
 * order from it; payments never runs orders' code.
 */
export const PaymentSucceeded = defineEvent('bazaar.payments', 'PaymentSucceeded', {
  order_id: z.string(),
  payment_intent_id: z.string(),
  amount_cents: z.number().int(),
  currency: z.string(),
});

/** One event per PaymentIntent: a redelivered webhook is the same event. */
export const paymentSucceededId = (paymentIntentId: string) => `evt_${paymentIntentId}_PaymentSucceeded_v1`;
