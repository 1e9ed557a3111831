import type { DomainEvent } from '../../shared/events';
import type { OutboxKey } from '../../shared/outbox';

/**
 * What the payments domain needs from storage, and the shapes it speaks in. The DynamoDB adapter
 * (repository.ts, with wallet-repository.ts and refund-repository.ts) is the one implementation.
 */
export interface PaymentMethodRecord {
  paymentMethodId: string;
  userId: string;
  type: 'card' | 'wallet';
  /** The provider's token (`pm_card_visa`); never a card number. */
  providerToken: string | null;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  createdAt: string;
  deleted: boolean;
}

export type ChargeStatus = 'pending' | 'charged' | 'failed' | 'refunded';

export interface ChargeRecord {
  paymentId: string;
  orderId: string;
  userId: string;
  /** Unique by construction: one charge per order. */
  idempotencyKey: string;
  method: 'card' | 'wallet';
  paymentMethodId: string;
  providerRef: string | null;
  status: ChargeStatus;
  amountCents: number;
  /** What refunds have given back (settled refunds only). */
  refundedCents: number;
  /** What refunds have claimed: the settled ones and those still `requested`. Never above amountCents. */
  reservedCents: number;
  currency: string;
  failureCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LedgerEntry {
  entryId: string;
  kind: 'top_up' | 'charge' | 'refund';
  amountCents: number;
  reference: string;
  createdAt: string;
}

/**
 * A refund is `requested` until the provider has answered for good: `succeeded` (counted in the
 * charge's refunded total) or `failed` (its claim on the charge given back).
 */
export type RefundStatus = 'requested' | 'succeeded' | 'failed';

export interface RefundRecord {
  refundId: string;
  orderId: string;
  refundKey: string;
  amountCents: number;
  status: RefundStatus;
  providerRef: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RefundSettlement =
  | { status: 'succeeded'; providerRef: string | null }
  | { status: 'failed'; reason: string };

/** What a new charge starts from; the store fills in its id and starting state. */
export type NewCharge = Omit<
  ChargeRecord,
  'paymentId' | 'status' | 'providerRef' | 'refundedCents' | 'reservedCents' | 'failureCode' | 'updatedAt'
>;

export interface TopUpRecord {
  status: string;
  providerRef: string | null;
  amountCents: number;
  paymentMethodId: string;
}

/** Where a page of requested refunds ends; handed back as is to read the next page. */
export type PageCursor = Record<string, unknown>;

/**
 * Payment methods, one charge per order, refunds once per key and never beyond the charge, and
 * each user's wallet, whose balance always equals its ledger.
 */
export interface PaymentsStore {
  putMethod(method: PaymentMethodRecord): Promise<PaymentMethodRecord>;
  getMethod(userId: string, paymentMethodId: string): Promise<PaymentMethodRecord | undefined>;
  listMethods(userId: string): Promise<PaymentMethodRecord[]>;
  /** Soft delete; false when there was no such method. */
  deleteMethod(userId: string, paymentMethodId: string): Promise<boolean>;
  /** Created on the first call and returned as it is on every later one. */
  ensureCharge(input: NewCharge): Promise<ChargeRecord>;
  getCharge(orderId: string): Promise<ChargeRecord | undefined>;
  setProviderRef(orderId: string, providerRef: string, now: string): Promise<void>;
  /** Pending to charged or failed; false when it was settled before. */
  settleCharge(
    orderId: string,
    status: 'charged' | 'failed',
    now: string,
    failureCode?: string,
  ): Promise<boolean>;
  debitWallet(charge: ChargeRecord, now: string): Promise<'charged' | 'already' | 'not_pending'>;
  startTopUp(
    userId: string,
    topUpId: string,
    amountCents: number,
    paymentMethodId: string,
    now: string,
  ): Promise<TopUpRecord>;
  setTopUpProviderRef(userId: string, topUpId: string, providerRef: string): Promise<void>;
  creditTopUp(userId: string, topUpId: string, amountCents: number, now: string): Promise<boolean>;
  getWallet(userId: string): Promise<{ balanceCents: number; ledger: LedgerEntry[] }>;
  /** A fact the provider told us, with its events; recording it again changes nothing. */
  recordProviderFact(fact: OutboxKey, events: DomainEvent[], now: Date): Promise<void>;
  getRefund(orderId: string, refundKey: string): Promise<RefundRecord | undefined>;
  listRefunds(orderId: string): Promise<RefundRecord[]>;
  requestRefund(
    orderId: string,
    refundKey: string,
    amount: number | 'remaining',
    now: string,
  ): Promise<RefundRecord | undefined>;
  settleRefund(
    orderId: string,
    refundKey: string,
    outcome: RefundSettlement,
    now: string,
  ): Promise<RefundRecord>;
  recordRefundAttempt(orderId: string, refundKey: string, error: string, now: string): Promise<void>;
  listRequestedRefunds(
    before: string,
    limit: number,
    startKey?: PageCursor,
  ): Promise<{ refunds: RefundRecord[]; next: PageCursor | undefined }>;
}
