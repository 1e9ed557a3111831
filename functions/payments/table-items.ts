import { newId } from '../../shared/ids';
import type { ChargeRecord, ChargeStatus, LedgerEntry } from './store';

type Item = Record<string, unknown>;

/** The payments table's keys and item shapes, shared by its repositories. */
export const key = {
  method: (userId: string, paymentMethodId: string) => ({
    pk: `USER#${userId}`,
    sk: `PM#${paymentMethodId}`,
  }),
  charge: (orderId: string) => ({ pk: `PAYMENT#${orderId}`, sk: 'CHARGE' }),
  refund: (orderId: string, refundKey: string) => ({ pk: `PAYMENT#${orderId}`, sk: `REFUND#${refundKey}` }),
  wallet: (userId: string) => ({ pk: `WALLET#${userId}`, sk: 'BALANCE' }),
  ledger: (userId: string, kind: string, reference: string) => ({
    pk: `WALLET#${userId}`,
    sk: `LEDGER#${kind}#${reference}`,
  }),
  topUp: (userId: string, topUpId: string) => ({ pk: `WALLET#${userId}`, sk: `TOPUP#${topUpId}` }),
};

export function chargeFromItem(item: Item): ChargeRecord {
  return {
    paymentId: item.payment_id as string,
    orderId: item.order_id as string,
    userId: item.user_id as string,
    idempotencyKey: item.idempotency_key as string,
    method: item.method as 'card' | 'wallet',
    paymentMethodId: item.payment_method_id as string,
    providerRef: (item.provider_ref as string | undefined) ?? null,
    status: item.status as ChargeStatus,
    amountCents: item.amount_cents as number,
    refundedCents: (item.refunded_cents as number | undefined) ?? 0,
    // Charges written before refunds were claimed apart from settled count only what was refunded.
    reservedCents:
      (item.reserved_cents as number | undefined) ?? (item.refunded_cents as number | undefined) ?? 0,
    currency: item.currency as string,
    failureCode: (item.failure_code as string | undefined) ?? null,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string,
  };
}

export function ledgerItem(
  userId: string,
  kind: LedgerEntry['kind'],
  reference: string,
  amountCents: number,
  now: string,
): Item {
  return {
    ...key.ledger(userId, kind, reference),
    type: 'LEDGER',
    entry_id: newId('pay').replace('pay_', 'led_'),
    kind,
    reference,
    amount_cents: amountCents,
    created_at: now,
  };
}
