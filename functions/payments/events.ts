import * as z from 'zod';
import { defineEvent } from '../../shared/events';

/** Orders settles the order from it; payments never runs orders' code. */
export const PaymentSucceeded = defineEvent(
  'bazaar.payments',
  'PaymentSucceeded',
  {
    order_id: z.string(),
    payment_intent_id: z.string().describe('Stripe’s PaymentIntent; the eventId is derived from it'),
    amount_cents: z.number().int(),
    currency: z.string(),
  },
  { description: 'Stripe’s webhook reported that the PaymentIntent of an order succeeded' },
);

/** One event per PaymentIntent: a redelivered webhook is the same event. */
export const paymentSucceededId = (paymentIntentId: string) => `evt_${paymentIntentId}_PaymentSucceeded_v1`;
