import type Stripe from 'stripe';
import * as z from 'zod';
import { ok } from '../../../shared/http/responses';
import { parseJsonPart } from '../../../shared/http/validation';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { stripeWebhookRoute } from '../routes';
import { settleSucceededIntent } from '../service';

// Only what is read here; the rest of Stripe's event passes unchecked.
const StripeEvent = z.looseObject({ type: z.string(), data: z.looseObject({ object: z.looseObject({}) }) });

/** Stripe's events (signature checked by the wrapper); a succeeded PaymentIntent settles what it paid for. */
export const handler = httpHandler(stripeWebhookRoute, async ({ rawBody }) => {
  const event = parseJsonPart(StripeEvent, rawBody, 'body');
  if (event.type === 'payment_intent.succeeded') {
    const intent = event.data.object as unknown as Stripe.PaymentIntent;
    await settleSucceededIntent(
      {
        id: intent.id,
        amountCents: intent.amount,
        currency: intent.currency.toUpperCase(),
        metadata: intent.metadata ?? {},
      },
      paymentsDeps(),
    );
  }
  return ok({ received: true });
});
