import { NotFoundError, UnprocessableError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { CURRENCY, formatMoney, fromCents } from '../../shared/money';
import type { CardGateway } from './card-gateway';
import {
  InsufficientFundsError,
  InvalidPaymentTokenError,
  OrderNotChargeableError,
  PaymentDeclinedError,
  PaymentProviderError,
} from './errors';
import type { ChargeRecord, PaymentMethodRecord, PaymentsRepository } from './repository';

export interface ChargeableOrder {
  orderId: string;
  userId: string;
  status: string;
  totalCents: number;
  currency: string;
  paymentMethodId: string;
}

export interface PaymentsDeps {
  payments: PaymentsRepository;
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
  if (charge.status === 'charged' || charge.status === 'refunded')
    return { status: 'charged', payment_id: charge.paymentId };
  if (charge.status === 'failed') throw new PaymentDeclinedError(charge.failureCode ?? 'declined');
  if (order.status !== 'pending') throw new OrderNotChargeableError(orderId, order.status);

  if (method.type === 'wallet') {
    let debit: Awaited<ReturnType<PaymentsRepository['debitWallet']>>;
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
 * cancellation that must void it) gets the same intent for the same order.
 */
async function orderIntent(
  charge: ChargeRecord,
  method: PaymentMethodRecord,
  cards: CardGateway,
  deps: PaymentsDeps,
): Promise<string> {
  if (charge.providerRef) return charge.providerRef;
  const intent = await cards.createIntent({
    amountCents: charge.amountCents,
    currency: charge.currency,
    token: method.providerToken!,
    idempotencyKey: `pi-create:${charge.orderId}`,
    metadata: { order_id: charge.orderId, payment_id: charge.paymentId },
  });
  await deps.payments.setProviderRef(charge.orderId, intent.id, deps.now().toISOString());
  return intent.id;
}

/**
 * A cancellation's side of the money: an order that was not charged can never be charged any
 * more (its intent is created if need be, with the order's own key, and cancelled; a pending
 * wallet charge is failed), and whatever was charged is refunded, once per `refundKey`.
 */
export async function voidOrRefund(
  orderId: string,
  refundKey: string,
  deps: PaymentsDeps,
): Promise<{ refunded_cents: number }> {
  const order = await deps.findOrder(orderId);
  if (!order) throw new NotFoundError('Order');
  const method = await deps.payments.getMethod(order.userId, order.paymentMethodId);
  const now = () => deps.now().toISOString();
  let charge = await deps.payments.ensureCharge({
    orderId,
    userId: order.userId,
    idempotencyKey: `charge:${orderId}`,
    method: method?.type ?? 'card',
    paymentMethodId: order.paymentMethodId,
    amountCents: order.totalCents,
    currency: order.currency,
    createdAt: now(),
  });
  if (charge.status === 'pending') {
    if (charge.method === 'card' && method?.providerToken) {
      const cards = await deps.cards();
      const intentId = await orderIntent(charge, method, cards, deps);
      const status = await cards.cancelIntent(intentId);
      await deps.payments.settleCharge(
        orderId,
        status === 'succeeded' ? 'charged' : 'failed',
        now(),
        'cancelled',
      );
    } else {
      await deps.payments.settleCharge(orderId, 'failed', now(), 'cancelled');
    }
    charge = (await deps.payments.getCharge(orderId))!;
  }
  if (charge.status !== 'charged' && charge.status !== 'refunded') return { refunded_cents: 0 };
  const refund = await refundOrder(orderId, refundKey, 'remaining', deps);
  return { refunded_cents: refund.amount_cents };
}

/**
 * What really happened to an order's payment, for the reconciler: it retrieves the stored
 * PaymentIntent (never creates one). An intent that did not succeed is cancelled first, so a
 * late confirmation can no longer charge an order that is being unwound.
 */
export async function paymentOutcome(
  orderId: string,
  deps: PaymentsDeps,
): Promise<'charged' | 'not_charged' | 'unknown'> {
  const charge = await deps.payments.getCharge(orderId);
  if (!charge) return 'not_charged';
  if (charge.status === 'charged' || charge.status === 'refunded') return 'charged';
  if (charge.status === 'failed') return 'not_charged';
  if (charge.method === 'wallet') {
    await deps.payments.settleCharge(orderId, 'failed', deps.now().toISOString(), 'abandoned');
    return (await deps.payments.getCharge(orderId))?.status === 'charged' ? 'charged' : 'not_charged';
  }
  if (!charge.providerRef) {
    await deps.payments.settleCharge(orderId, 'failed', deps.now().toISOString(), 'abandoned');
    return 'not_charged';
  }
  const cards = await deps.cards();
  let status = (await cards.retrieveIntent(charge.providerRef)).status;
  if (status === 'processing') return 'unknown';
  if (status !== 'succeeded' && status !== 'canceled') status = await cards.cancelIntent(charge.providerRef);
  if (status === 'succeeded') {
    await deps.payments.settleCharge(orderId, 'charged', deps.now().toISOString());
    return 'charged';
  }
  if (status === 'canceled') {
    await deps.payments.settleCharge(orderId, 'failed', deps.now().toISOString(), 'canceled');
    return 'not_charged';
  }
  return 'unknown';
}

/**
 * Refunds part or all of an order's charge, once per `refundKey`, never beyond what was
 * charged: a card back to the card (the provider call carries the refund's own key), a
 * wallet back to the wallet.
 */
export async function refundOrder(
  orderId: string,
  refundKey: string,
  amountCents: number | 'remaining',
  deps: PaymentsDeps,
): Promise<
  | { refund_id: string; amount_cents: number; status: string }
  | { refund_id: null; amount_cents: 0; status: 'nothing_to_refund' }
> {
  const charge = await deps.payments.getCharge(orderId);
  if (!charge || (charge.status !== 'charged' && charge.status !== 'refunded')) {
    return { refund_id: null, amount_cents: 0, status: 'nothing_to_refund' };
  }
  const amount = amountCents === 'remaining' ? charge.amountCents - charge.refundedCents : amountCents;
  if (amount <= 0) return { refund_id: null, amount_cents: 0, status: 'nothing_to_refund' };
  const now = () => deps.now().toISOString();
  const claim = await deps.payments.claimRefund(charge, refundKey, amount, now());
  if (charge.method === 'wallet' || claim.status === 'succeeded') {
    return { refund_id: claim.refundId, amount_cents: amount, status: 'succeeded' };
  }
  const refund = await (await deps.cards()).refund({
    intentId: charge.providerRef!,
    amountCents: amount,
    idempotencyKey: `refund:${orderId}:${refundKey}`,
  });
  await deps.payments.completeRefund(orderId, refundKey, refund.id, now());
  return { refund_id: claim.refundId, amount_cents: amount, status: 'succeeded' };
}

export async function getWallet(userId: string, deps: PaymentsDeps) {
  const wallet = await deps.payments.getWallet(userId);
  return {
    balance: formatMoney(wallet.balanceCents),
    balance_cents: wallet.balanceCents,
    currency: CURRENCY,
    ledger: wallet.ledger.map((entry) => ({
      entry_id: entry.entryId,
      kind: entry.kind,
      amount: fromCents(entry.amountCents),
      amount_cents: entry.amountCents,
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
  const topUpId = `top_${Buffer.from(`${userId}:${input.idempotencyKey}`).toString('base64url').slice(0, 60)}`;
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
