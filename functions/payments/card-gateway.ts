import type Stripe from 'stripe';
import { PaymentDeclinedError, PaymentProviderError, RefundRejectedError } from './errors';

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
  /**
   * The intent created with this metadata, if any: how an intent is found once the provider
   * has forgotten the idempotency key it was created with (Stripe: after 24 hours).
   */
  findIntent(metadata: Record<string, string>): Promise<{ id: string; status: IntentStatus } | undefined>;
  /** Refunds part of a succeeded intent. A refusal the provider will repeat is RefundRejectedError. */
  refund(input: {
    intentId: string;
    amountCents: number;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<ProviderRefund>;
  /** The intent's refund carrying this metadata, if any (for when the idempotency key is forgotten). */
  findRefund(intentId: string, metadata: Record<string, string>): Promise<ProviderRefund | undefined>;
}

/** `succeeded` and `pending` are on their way back to the card; `failed` and `canceled` never will be. */
export interface ProviderRefund {
  id: string;
  status: 'succeeded' | 'pending' | 'failed' | 'canceled' | string;
}

const hasMetadata = (object: { metadata?: Record<string, string> | null }, wanted: Record<string, string>) =>
  Object.entries(wanted).every(([name, value]) => object.metadata?.[name] === value);

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
    async findIntent(metadata) {
      // Search reads an index that lags by seconds; it is only asked about intents a day old.
      const query = Object.entries(metadata)
        .map(([name, value]) => `metadata['${name}']:'${value}'`)
        .join(' AND ');
      try {
        const found = await stripe.paymentIntents.search({ query, limit: 1 });
        const intent = found.data[0];
        return intent ? { id: intent.id, status: intent.status } : undefined;
      } catch (error) {
        return translate(error);
      }
    },
    async refund({ intentId, amountCents, idempotencyKey, metadata }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: intentId, amount: amountCents, metadata },
          { idempotencyKey },
        );
        return { id: refund.id, status: refund.status ?? 'succeeded' };
      } catch (error) {
        // Stripe says no for good (already refunded, more than remains): retrying cannot help.
        if (errorType(error) === 'StripeInvalidRequestError')
          throw new RefundRejectedError((error as Error).message);
        return translate(error);
      }
    },
    async findRefund(intentId, metadata) {
      try {
        for await (const refund of stripe.refunds.list({ payment_intent: intentId, limit: 100 })) {
          if (hasMetadata(refund, metadata)) return { id: refund.id, status: refund.status ?? 'succeeded' };
        }
        return undefined;
      } catch (error) {
        return translate(error);
      }
    },
  };
}
