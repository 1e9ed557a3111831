import Stripe from 'stripe';
import { ValidationError } from '../../../shared/errors';
import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps, stripeWebhookSecret } from '../deps';
import { stripeWebhookRoute } from '../routes';
import { recordPaymentSucceeded } from '../service';

// Only used to verify signatures, which needs no API key of ours.
const verifier = new Stripe('sk_test_signature_verification_only');

/**
 * Stripe's events, signature-verified with `constructEvent`. A succeeded PaymentIntent for an
 * order is recorded with PaymentSucceeded (through payments' outbox), on which orders finishes
 * the order — so a paid order is never left pending even when the saga lost track of it.
 * Everything here is idempotent.
 */
export const handler = httpHandler(stripeWebhookRoute, async ({ rawBody, headers }) => {
  let event: Stripe.Event;
  try {
    event = verifier.webhooks.constructEvent(
      rawBody ?? '',
      headers['stripe-signature'] ?? '',
      await stripeWebhookSecret(),
    );
  } catch {
    throw new ValidationError(
      'Stripe-Signature: does not verify',
      [{ field: 'Stripe-Signature', message: 'does not verify' }],
      'INVALID_SIGNATURE',
    );
  }
  if (event.type === 'payment_intent.succeeded') {
    const intent = event.data.object as Stripe.PaymentIntent;
    const orderId = intent.metadata?.order_id;
    if (orderId) {
      await recordPaymentSucceeded(
        { id: intent.id, orderId, amountCents: intent.amount, currency: intent.currency.toUpperCase() },
        paymentsDeps(),
      );
    }
    const topUpId = intent.metadata?.top_up_id;
    const userId = intent.metadata?.user_id;
    if (topUpId && userId) {
      await paymentsDeps().payments.creditTopUp(userId, topUpId, intent.amount, new Date().toISOString());
    }
  }
  return ok({ received: true });
});
