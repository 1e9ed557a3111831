import { createHash } from 'node:crypto';
import { NotFoundError, UnprocessableError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { CURRENCY, formattedMoneyFields, moneyFields } from '../../shared/money';
import type { CardGateway } from './card-gateway';
import {
  InsufficientFundsError,
  InvalidPaymentTokenError,
  OrderNotChargeableError,
  PaymentDeclinedError,
  PaymentProviderError,
} from './errors';
import { PaymentSucceeded, paymentSucceededId } from './events';
import { providerMayHaveForgotten, refundOrder } from './refunds';
import type { ChargeRecord, PaymentMethodRecord, PaymentsStore } from './store';

export interface ChargeableOrder {
  orderId: string;
  userId: string;
  status: string;
  totalCents: number;
  currency: string;
  paymentMethodId: string;
}

export interface PaymentsDeps {
  payments: PaymentsStore;
  cards: () => Promise<CardGateway>;
  findOrder: (orderId: string) => Promise<ChargeableOrder | undefined>;
  now: () => Date;
}

export type PaymentMethodView = {
  payment_method_id: string;
  type: 'card' | 'wallet';
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  created_at: string;
};

/** A wallet payment method's id is derived from its owner: each user has one wallet. */
const walletMethodId = (userId: string) => `pm_WALLET${userId.replace(/^usr_/, '')}`;

export async function addPaymentMethod(
  userId: string,
  input: { type: 'card'; token: string } | { type: 'wallet' },
  deps: PaymentsDeps,
): Promise<PaymentMethodView> {
  const createdAt = deps.now().toISOString();
  if (input.type === 'wallet') {
    const method = await deps.payments.putMethod({
      paymentMethodId: walletMethodId(userId),
      userId,
      type: 'wallet',
      providerToken: null,
      brand: null,
      last4: null,
      expMonth: null,
      expYear: null,
      createdAt,
      deleted: false,
    });
    return methodView(method);
  }
  const card = await (await deps.cards()).describeToken(input.token);
  if (!card) throw new InvalidPaymentTokenError();
  const method = await deps.payments.putMethod({
    paymentMethodId: newId('pm'),
    userId,
    type: 'card',
    providerToken: input.token,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
    createdAt,
    deleted: false,
  });
  return methodView(method);
}

export async function listPaymentMethods(userId: string, deps: PaymentsDeps): Promise<PaymentMethodView[]> {
  return (await deps.payments.listMethods(userId)).map(methodView);
}

export async function getPaymentMethod(
  userId: string,
  paymentMethodId: string,
  deps: PaymentsDeps,
): Promise<PaymentMethodView> {
  const method = await deps.payments.getMethod(userId, paymentMethodId);
  if (!method || method.deleted) throw new NotFoundError('Payment method');
  return methodView(method);
}

export async function deletePaymentMethod(
  userId: string,
  paymentMethodId: string,
  deps: PaymentsDeps,
): Promise<void> {
  if (!(await deps.payments.deleteMethod(userId, paymentMethodId))) throw new NotFoundError('Payment method');
}

/**
 * The saga's charge step. One charge record per order; a card is charged through a
 * PaymentIntent created with a key derived from the order, its id stored before it is
 * confirmed, so a retried step, a duplicated step or a reconciler all find the same intent
 * and the customer is charged at most once.
 */
export async function chargeOrder(
  orderId: string,
  deps: PaymentsDeps,
): Promise<{ status: 'charged'; payment_id: string }> {
  const order = await deps.findOrder(orderId);
  if (!order) throw new NotFoundError('Order');
  const now = () => deps.now().toISOString();
  const method = await deps.payments.getMethod(order.userId, order.paymentMethodId);
  if (!method) throw new PaymentDeclinedError('payment_method_missing');
  const charge = await deps.payments.ensureCharge({
    orderId,
    userId: order.userId,
    idempotencyKey: `charge:${orderId}`,
    method: method.type,
    paymentMethodId: method.paymentMethodId,
    amountCents: order.totalCents,
    currency: order.currency,
    createdAt: now(),
  });
  // Money given back (or being) unwound this order: it is never charged, nor paid, again.
  if (charge.status === 'refunded' || charge.reservedCents > 0)
    throw new OrderNotChargeableError(orderId, 'refunded');
  if (charge.status === 'charged') return { status: 'charged', payment_id: charge.paymentId };
  if (charge.status === 'failed') throw new PaymentDeclinedError(charge.failureCode ?? 'declined');
  if (order.status !== 'pending') throw new OrderNotChargeableError(orderId, order.status);

  if (method.type === 'wallet') {
    let debit: Awaited<ReturnType<PaymentsStore['debitWallet']>>;
    try {
      debit = await deps.payments.debitWallet(charge, now());
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        await deps.payments.settleCharge(orderId, 'failed', now(), 'insufficient_funds');
      }
      throw error;
    }
    if (debit === 'not_pending') throw new OrderNotChargeableError(orderId, 'no longer pending');
    return { status: 'charged', payment_id: charge.paymentId };
  }

  const cards = await deps.cards();
  const intentId = await orderIntent(charge, method, cards, deps);
  const current = await cards.retrieveIntent(intentId);
  let status = current.status;
  // Voided by a cancellation: this order must not be charged any more.
  if (status === 'canceled') throw new OrderNotChargeableError(orderId, 'cancelled');
  if (status !== 'succeeded' && status !== 'processing') {
    try {
      status = await cards.confirmIntent(intentId, `pi-confirm:${orderId}`);
    } catch (error) {
      if (error instanceof PaymentDeclinedError)
        await deps.payments.settleCharge(orderId, 'failed', now(), error.declineCode);
      throw error;
    }
  }
  if (status !== 'succeeded') {
    throw new PaymentProviderError(`PaymentIntent ${intentId} is ${status}`);
  }
  await deps.payments.settleCharge(orderId, 'charged', now());
  return { status: 'charged', payment_id: charge.paymentId };
}

/**
 * The order's PaymentIntent: the stored one, or one created with the order's idempotency key
 * and stored before anything confirms it. Whoever calls this (the charge step, or a
 * cancellation or the reconciler that must void it) gets the same intent for the same order.
 * Once the provider may have forgotten that key, an intent made under it (whose id never
 * reached the charge record) is looked up by its metadata instead of being made twice.
 */
async function orderIntent(
  charge: ChargeRecord,
  method: PaymentMethodRecord,
  cards: CardGateway,
  deps: PaymentsDeps,
): Promise<string> {
  if (charge.providerRef) return charge.providerRef;
  const metadata = { order_id: charge.orderId, payment_id: charge.paymentId };
  const intent =
    (providerMayHaveForgotten(charge.createdAt, deps.now()) ? await cards.findIntent(metadata) : undefined) ??
    (await cards.createIntent({
      amountCents: charge.amountCents,
      currency: charge.currency,
      token: method.providerToken!,
      idempotencyKey: `pi-create:${charge.orderId}`,
      metadata,
    }));
  await deps.payments.setProviderRef(charge.orderId, intent.id, deps.now().toISOString());
  return intent.id;
}

/**
 * Decides a charge that is still `pending` without ever completing it: the order's intent is
 * created or retrieved by the order's key and cancelled, so a charge step still in flight can
 * no longer confirm it (if cancelling finds it succeeded, it is charged); a pending wallet
 * charge is failed, which the wallet debit's own condition respects. `processing` is left
 * undecided. Whoever must know "was this order charged?" asks this first.
 */
async function decideCharge(
  order: ChargeableOrder,
  reason: string,
  deps: PaymentsDeps,
): Promise<ChargeRecord | 'processing'> {
  const method = await deps.payments.getMethod(order.userId, order.paymentMethodId);
  const now = () => deps.now().toISOString();
  const charge = await deps.payments.ensureCharge({
    orderId: order.orderId,
    userId: order.userId,
    idempotencyKey: `charge:${order.orderId}`,
    method: method?.type ?? 'card',
    paymentMethodId: order.paymentMethodId,
    amountCents: order.totalCents,
    currency: order.currency,
    createdAt: now(),
  });
  if (charge.status !== 'pending') return charge;
  if (charge.method === 'card' && method?.providerToken) {
    const cards = await deps.cards();
    const intentId = await orderIntent(charge, method, cards, deps);
    let status = (await cards.retrieveIntent(intentId)).status;
    if (status === 'processing') return 'processing';
    if (status !== 'succeeded' && status !== 'canceled') status = await cards.cancelIntent(intentId);
    if (status === 'processing') return 'processing';
    if (status === 'succeeded') await deps.payments.settleCharge(order.orderId, 'charged', now());
    else await deps.payments.settleCharge(order.orderId, 'failed', now(), reason);
  } else {
    await deps.payments.settleCharge(order.orderId, 'failed', now(), reason);
  }
  return (await deps.payments.getCharge(order.orderId))!;
}

/**
 * A cancellation's side of the money: an order that was not charged can never be charged any
 * more, and whatever was charged is refunded, once per `refundKey`. A refund the provider did
 * not settle throws PaymentProviderError and stays `requested` for the retry schedule.
 */
export async function voidOrRefund(
  orderId: string,
  refundKey: string,
  deps: PaymentsDeps,
): Promise<{ refunded_cents: number }> {
  const order = await deps.findOrder(orderId);
  if (!order) throw new NotFoundError('Order');
  const charge = await decideCharge(order, 'cancelled', deps);
  if (charge === 'processing')
    throw new PaymentProviderError(`Order ${orderId}'s payment is still processing`);
  if (charge.status !== 'charged' && charge.status !== 'refunded') return { refunded_cents: 0 };
  const refund = await refundOrder(orderId, refundKey, 'remaining', deps);
  return { refunded_cents: refund.status === 'succeeded' ? refund.amount_cents : 0 };
}

/**
 * What really happened to an order's payment, for the reconciler and the provider's webhook.
 * "Not charged" is only said once the order can no longer be charged (see decideCharge), and
 * a charge that was refunded, or has a refund under way, is `refunded`: never paid.
 */
export async function paymentOutcome(
  orderId: string,
  deps: PaymentsDeps,
): Promise<'charged' | 'refunded' | 'not_charged' | 'unknown'> {
  const order = await deps.findOrder(orderId);
  if (!order) return 'not_charged';
  const charge = await decideCharge(order, 'abandoned', deps);
  if (charge === 'processing') return 'unknown';
  if (charge.status === 'failed' || charge.status === 'pending') return 'not_charged';
  if (charge.status === 'refunded' || charge.reservedCents > 0) return 'refunded';
  return 'charged';
}

export { refundOrder, retryRequestedRefunds } from './refunds';

export async function getWallet(userId: string, deps: PaymentsDeps) {
  const wallet = await deps.payments.getWallet(userId);
  return {
    ...formattedMoneyFields('balance', wallet.balanceCents),
    currency: CURRENCY,
    ledger: wallet.ledger.map((entry) => ({
      entry_id: entry.entryId,
      kind: entry.kind,
      ...moneyFields('amount', entry.amountCents),
      reference: entry.reference,
      created_at: entry.createdAt,
    })),
  };
}

/**
 * Tops up the wallet from a card: the top-up is recorded first, the card charged with a key
 * derived from it, and the wallet credited once with its ledger entry. The same
 * `Idempotency-Key` repeats nothing.
 */
export async function topUpWallet(
  userId: string,
  input: { amountCents: number; paymentMethodId: string; idempotencyKey: string },
  deps: PaymentsDeps,
) {
  const method = await deps.payments.getMethod(userId, input.paymentMethodId);
  if (!method || method.deleted || method.type !== 'card') {
    throw new NotFoundError('Payment method', 'NOT_FOUND', {
      fields: [{ field: 'payment_method_id', message: 'must be one of your cards' }],
    });
  }
  const topUpId = topUpIdFor(userId, input.idempotencyKey);
  const now = () => deps.now().toISOString();
  const topUp = await deps.payments.startTopUp(
    userId,
    topUpId,
    input.amountCents,
    method.paymentMethodId,
    now(),
  );
  if (topUp.amountCents !== input.amountCents || topUp.paymentMethodId !== method.paymentMethodId) {
    throw new UnprocessableError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used with another top-up',
    );
  }
  if (topUp.status !== 'credited') {
    const cards = await deps.cards();
    let intentId = topUp.providerRef;
    if (!intentId) {
      intentId = (
        await cards.createIntent({
          amountCents: input.amountCents,
          currency: CURRENCY,
          token: method.providerToken!,
          idempotencyKey: `pi-create:${topUpId}`,
          metadata: { top_up_id: topUpId, user_id: userId },
        })
      ).id;
      await deps.payments.setTopUpProviderRef(userId, topUpId, intentId);
    }
    let status = (await cards.retrieveIntent(intentId)).status;
    if (status !== 'succeeded') status = await cards.confirmIntent(intentId, `pi-confirm:${topUpId}`);
    if (status === 'succeeded') await deps.payments.creditTopUp(userId, topUpId, input.amountCents, now());
  }
  return getWallet(userId, deps);
}

/** The whole key counts (keys run to 255 characters): a digest, so its length is bounded. */
export const topUpIdFor = (userId: string, idempotencyKey: string) =>
  `top_${createHash('sha256').update(`${userId}\n${idempotencyKey}`).digest('base64url')}`;

function methodView(method: PaymentMethodRecord): PaymentMethodView {
  return {
    payment_method_id: method.paymentMethodId,
    type: method.type,
    brand: method.brand,
    last4: method.last4,
    exp_month: method.expMonth,
    exp_year: method.expYear,
    created_at: method.createdAt,
  };
}

/**
 * A PaymentIntent of an order succeeded (Stripe's webhook): recorded with PaymentSucceeded in
 * one write, so the order is settled even if everything after this write fails.
 */
export async function recordPaymentSucceeded(
  intent: { id: string; orderId: string; amountCents: number; currency: string },
  deps: Pick<PaymentsDeps, 'payments' | 'now'>,
): Promise<void> {
  const event = PaymentSucceeded.build({
    eventId: paymentSucceededId(intent.id),
    order_id: intent.orderId,
    payment_intent_id: intent.id,
    amount_cents: intent.amountCents,
    currency: intent.currency,
    version: 1,
  });
  await deps.payments.recordProviderFact({ entity: intent.id, change: 'succeeded' }, [event], deps.now());
}

/**
 * A PaymentIntent Stripe reports succeeded: an order's is recorded (PaymentSucceeded), on which
 * orders settles the order even when the saga lost track of it; a wallet top-up's is credited,
 * once. Both are idempotent, as Stripe may deliver an event more than once.
 */
export async function settleSucceededIntent(
  intent: { id: string; amountCents: number; currency: string; metadata: Record<string, string> },
  deps: Pick<PaymentsDeps, 'payments' | 'now'>,
): Promise<void> {
  const { order_id: orderId, top_up_id: topUpId, user_id: userId } = intent.metadata;
  if (orderId) await recordPaymentSucceeded({ ...intent, orderId }, deps);
  if (topUpId && userId) {
    await deps.payments.creditTopUp(userId, topUpId, intent.amountCents, deps.now().toISOString());
  }
}
