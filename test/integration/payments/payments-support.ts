import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { type CardGateway, stripeGateway } from '../../../functions/payments/card-gateway';
import { PaymentProviderError } from '../../../functions/payments/errors';
import { paymentsRepository } from '../../../functions/payments/repository';
import type { ChargeableOrder, PaymentsDeps } from '../../../functions/payments/service';
import type { StripeTestServer } from '../../../local/stripe-server';
import { tableName, testDocumentClient } from '../../support/dynamo';

export const doc = testDocumentClient();
export const table = tableName('PAYMENTS_TABLE_NAME');

const unique = () => randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase();

/** Provider faults a test switches on: each counter fails that many calls, then lets them through. */
export interface Faults {
  /** The refund call fails before reaching the provider. */
  refundBefore: number;
  /** The refund happens at the provider, but its answer is lost. */
  refundAfter: number;
}

/**
 * The payments domain against DynamoDB Local and the local Stripe-compatible server, reached
 * through the real adapter (the `stripe` package); a clock the test moves, shared with the
 * server so idempotency keys expire as they would at Stripe.
 */
export function paymentsWorld(stripe: StripeTestServer, clock: { now: number }) {
  const real = stripeGateway(
    new Stripe('sk_test_payments_it', {
      host: stripe.host,
      port: stripe.port,
      protocol: stripe.protocol,
      maxNetworkRetries: 0,
    }),
  );
  const faults: Faults = { refundBefore: 0, refundAfter: 0 };
  const cards: CardGateway = {
    ...real,
    async refund(input) {
      if (faults.refundBefore > 0) {
        faults.refundBefore--;
        throw new PaymentProviderError('Payment provider failed: connection reset');
      }
      const refund = await real.refund(input);
      if (faults.refundAfter > 0) {
        faults.refundAfter--;
        throw new PaymentProviderError('Payment provider failed: timed out');
      }
      return refund;
    },
  };
  const orders = new Map<string, ChargeableOrder>();
  const deps: PaymentsDeps = {
    payments: paymentsRepository(doc, table),
    cards: async () => cards,
    findOrder: async (orderId) => orders.get(orderId),
    now: () => new Date(clock.now),
  };

  async function newOrder(input: { method: 'card' | 'wallet'; totalCents: number; walletCents?: number }) {
    const userId = `usr_PIT${unique()}`;
    const orderId = `ord_PIT${unique()}`;
    const at = new Date(clock.now).toISOString();
    const method = await deps.payments.putMethod({
      paymentMethodId: input.method === 'card' ? `pm_PIT${unique()}` : `pm_WALLET${userId.slice(4)}`,
      userId,
      type: input.method,
      providerToken: input.method === 'card' ? 'pm_card_visa' : null,
      brand: input.method === 'card' ? 'visa' : null,
      last4: input.method === 'card' ? '4242' : null,
      expMonth: input.method === 'card' ? 12 : null,
      expYear: input.method === 'card' ? 2034 : null,
      createdAt: at,
      deleted: false,
    });
    if (input.walletCents) {
      const topUpId = `top_PIT${unique()}`;
      await deps.payments.startTopUp(userId, topUpId, input.walletCents, method.paymentMethodId, at);
      await deps.payments.creditTopUp(userId, topUpId, input.walletCents, at);
    }
    const order: ChargeableOrder = {
      orderId,
      userId,
      status: 'pending',
      totalCents: input.totalCents,
      currency: 'USD',
      paymentMethodId: method.paymentMethodId,
    };
    orders.set(orderId, order);
    return order;
  }

  /** What the provider holds for an order: its intents and the refunds against them. */
  function atProvider(orderId: string) {
    const intents = stripe.intents().filter((intent) => intent.metadata.order_id === orderId);
    const ids = new Set(intents.map((intent) => intent.id));
    const refunds = stripe.refunds().filter((refund) => ids.has(refund.payment_intent as string));
    return {
      intents,
      succeeded: intents.filter((intent) => intent.status === 'succeeded'),
      refunds,
      refundedCents: refunds.reduce((sum, refund) => sum + refund.amount, 0),
    };
  }

  return { deps, faults, cards: real, orders, newOrder, atProvider };
}
