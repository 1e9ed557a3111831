import type Stripe from 'stripe';
import { PaymentDeclinedError, PaymentProviderError } from './errors';

export type IntentStatus =
  | 'requires_confirmation'
  | 'requires_payment_method'
  | 'processing'
  | 'succeeded'
  | 'canceled'
  | string;

export interface CardGateway {
  describeToken(
    token: string,
  ): Promise<{ brand: string; last4: string; expMonth: number; expYear: number } | undefined>;
  createIntent(input: {
    amountCents: number;
    currency: string;
    token: string;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<{ id: string; status: IntentStatus }>;
  confirmIntent(intentId: string, idempotencyKey: string): Promise<IntentStatus>;
  retrieveIntent(intentId: string): Promise<{ id: string; status: IntentStatus; amountReceived: number }>;
  cancelIntent(intentId: string): Promise<IntentStatus>;
  refund(input: {
    intentId: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ id: string; status: string }>;
}

function errorType(error: unknown): string | undefined {
  return (error as { type?: string })?.type;
}

/**
 * Cards go through the `stripe` package only. Every mutating call carries an idempotency key
 * derived from the order (or refund), so a retried step can never charge twice. Provider
 * failures become PaymentProviderError (retry); declines become PaymentDeclinedError (final).
 */
export function stripeGateway(stripe: Stripe): CardGateway {
  const translate = (error: unknown): never => {
    const type = errorType(error);
    if (type === 'StripeCardError') {
      const card = error as { decline_code?: string; code?: string };
      throw new PaymentDeclinedError(card.decline_code ?? card.code ?? 'card_declined');
    }
    if (type === 'StripeInvalidRequestError') throw error;
    throw new PaymentProviderError(`Payment provider failed: ${(error as Error).message}`);
  };
  return {
    async describeToken(token) {
      try {
        const method = await stripe.paymentMethods.retrieve(token);
        if (!method.card) return undefined;
        return {
          brand: method.card.brand,
          last4: method.card.last4,
          expMonth: method.card.exp_month,
          expYear: method.card.exp_year,
        };
      } catch (error) {
        if (errorType(error) === 'StripeInvalidRequestError') return undefined;
        return translate(error);
      }
    },
    async createIntent({ amountCents, currency, token, idempotencyKey, metadata }) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: amountCents,
            currency: currency.toLowerCase(),
            payment_method: token,
            confirm: false,
            metadata,
          },
          { idempotencyKey },
        );
        return { id: intent.id, status: intent.status };
      } catch (error) {
        return translate(error);
      }
    },
    async confirmIntent(intentId, idempotencyKey) {
      try {
        return (await stripe.paymentIntents.confirm(intentId, {}, { idempotencyKey })).status;
      } catch (error) {
        return translate(error);
      }
    },
    async retrieveIntent(intentId) {
      try {
        const intent = await stripe.paymentIntents.retrieve(intentId);
        return { id: intent.id, status: intent.status, amountReceived: intent.amount_received };
      } catch (error) {
        return translate(error);
      }
    },
    async cancelIntent(intentId) {
      try {
        return (await stripe.paymentIntents.cancel(intentId)).status;
      } catch (error) {
        if (errorType(error) === 'StripeInvalidRequestError') {
          return (await stripe.paymentIntents.retrieve(intentId)).status;
        }
        return translate(error);
      }
    },
    async refund({ intentId, amountCents, idempotencyKey }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: intentId, amount: amountCents },
          { idempotencyKey },
        );
        return { id: refund.id, status: refund.status ?? 'succeeded' };
      } catch (error) {
        return translate(error);
      }
    },
  };
}
