import type { CardGateway, IntentStatus, ProviderRefund } from '../../functions/payments/card-gateway';
import {
  InsufficientFundsError,
  PaymentProviderError,
  RefundExceedsChargeError,
  RefundRejectedError,
} from '../../functions/payments/errors';
import type {
  ChargeRecord,
  LedgerEntry,
  PaymentMethodRecord,
  PaymentsStore,
  RefundRecord,
  RefundSettlement,
} from '../../functions/payments/store';
import type { DomainEvent } from '../../shared/events';

/**
 * The payments repository in memory, for unit tests of the domain functions. It keeps the
 * same promises as the DynamoDB adapter (test/support/contracts/payments-repository.contract.ts
 * runs against both): one charge per order, refunds once per key and never beyond
 * the charge, only settled refunds counted, the wallet balance equal to its ledger.
 */
export function fakePaymentsRepository(): PaymentsStore & {
  refunds: Map<string, RefundRecord>;
  /** Provider facts recorded, by `entity/change`, with their events. */
  facts: Map<string, DomainEvent[]>;
} {
  const methods = new Map<string, PaymentMethodRecord>();
  const charges = new Map<string, ChargeRecord>();
  const refunds = new Map<string, RefundRecord>();
  const facts = new Map<string, DomainEvent[]>();
  const topUps = new Map<
    string,
    { status: string; providerRef: string | null; amountCents: number; paymentMethodId: string }
  >();
  const wallets = new Map<string, { balanceCents: number; ledger: LedgerEntry[] }>();
  let sequence = 0;
  const copy = <T>(value: T | undefined) => (value === undefined ? undefined : structuredClone(value));
  const wallet = (userId: string) => {
    if (!wallets.has(userId)) wallets.set(userId, { balanceCents: 0, ledger: [] });
    return wallets.get(userId)!;
  };
  const addLedger = (
    userId: string,
    kind: LedgerEntry['kind'],
    reference: string,
    amountCents: number,
    now: string,
  ) => {
    const entries = wallet(userId);
    if (entries.ledger.some((entry) => entry.kind === kind && entry.reference === reference)) return false;
    entries.ledger.push({ entryId: `led_${++sequence}`, kind, reference, amountCents, createdAt: now });
    entries.balanceCents += amountCents;
    return true;
  };
  const refundKey = (orderId: string, key: string) => `${orderId}\n${key}`;

  const repository: PaymentsStore = {
    async putMethod(method) {
      const id = `${method.userId}\n${method.paymentMethodId}`;
      const existing = methods.get(id);
      if (existing && !existing.deleted) return copy(existing)!;
      methods.set(id, copy(method)!);
      return method;
    },
    async getMethod(userId, paymentMethodId) {
      return copy(methods.get(`${userId}\n${paymentMethodId}`));
    },
    async listMethods(userId) {
      return [...methods.values()]
        .filter((method) => method.userId === userId && !method.deleted)
        .map((method) => copy(method)!);
    },
    async deleteMethod(userId, paymentMethodId) {
      const method = methods.get(`${userId}\n${paymentMethodId}`);
      if (!method || method.deleted) return false;
      method.deleted = true;
      return true;
    },
    async recordProviderFact(fact, events) {
      if (events.length === 0) throw new Error('An outbox item carries at least one event');
      const id = `${fact.entity}/${fact.change}`;
      if (!facts.has(id)) facts.set(id, structuredClone(events));
    },
    async ensureCharge(input) {
      const existing = charges.get(input.orderId);
      if (existing) return copy(existing)!;
      const charge: ChargeRecord = {
        ...input,
        paymentId: `pay_FAKE${++sequence}`,
        providerRef: null,
        status: 'pending',
        refundedCents: 0,
        reservedCents: 0,
        failureCode: null,
        updatedAt: input.createdAt,
      };
      charges.set(input.orderId, charge);
      return copy(charge)!;
    },
    async getCharge(orderId) {
      return copy(charges.get(orderId));
    },
    async setProviderRef(orderId, providerRef, now) {
      const charge = charges.get(orderId)!;
      if (charge.providerRef && charge.providerRef !== providerRef) {
        throw Object.assign(new Error('The conditional request failed'), {
          name: 'ConditionalCheckFailedException',
        });
      }
      Object.assign(charge, { providerRef, updatedAt: now });
    },
    async settleCharge(orderId, status, now, failureCode) {
      const charge = charges.get(orderId);
      if (charge?.status !== 'pending') return false;
      Object.assign(charge, { status, updatedAt: now, ...(failureCode ? { failureCode } : {}) });
      return true;
    },
    async debitWallet(charge, now) {
      const current = charges.get(charge.orderId)!;
      if (
        wallet(charge.userId).ledger.some(
          (entry) => entry.kind === 'charge' && entry.reference === charge.orderId,
        )
      )
        return 'already';
      if (current.status !== 'pending') return 'not_pending';
      if (wallet(charge.userId).balanceCents < charge.amountCents) throw new InsufficientFundsError();
      addLedger(charge.userId, 'charge', charge.orderId, -charge.amountCents, now);
      Object.assign(current, { status: 'charged', updatedAt: now });
      return 'charged';
    },
    async requestRefund(orderId, key, amount, now) {
      const existing = refunds.get(refundKey(orderId, key));
      if (existing) return copy(existing);
      const charge = charges.get(orderId);
      if (!charge || (charge.status !== 'charged' && charge.status !== 'refunded')) return undefined;
      const unclaimed = charge.amountCents - charge.reservedCents;
      const cents = amount === 'remaining' ? unclaimed : amount;
      if (cents <= 0) return undefined;
      if (cents > unclaimed) throw new RefundExceedsChargeError(unclaimed);
      const isWallet = charge.method === 'wallet';
      const refund: RefundRecord = {
        refundId: `re_FAKE${++sequence}`,
        orderId,
        refundKey: key,
        amountCents: cents,
        status: isWallet ? 'succeeded' : 'requested',
        providerRef: null,
        attempts: 0,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      };
      refunds.set(refundKey(orderId, key), refund);
      charge.reservedCents += cents;
      if (isWallet) {
        charge.refundedCents += cents;
        if (charge.refundedCents >= charge.amountCents) charge.status = 'refunded';
        addLedger(charge.userId, 'refund', `${orderId}:${key}`, cents, now);
      }
      return copy(refund);
    },
    async settleRefund(orderId, key, outcome: RefundSettlement, now) {
      const refund = refunds.get(refundKey(orderId, key));
      if (!refund) throw new Error(`Refund ${key} of order ${orderId} does not exist`);
      if (refund.status !== 'requested') return copy(refund)!;
      const charge = charges.get(orderId)!;
      if (outcome.status === 'succeeded') {
        Object.assign(refund, { status: 'succeeded', providerRef: outcome.providerRef, updatedAt: now });
        charge.refundedCents += refund.amountCents;
        if (charge.refundedCents >= charge.amountCents) charge.status = 'refunded';
      } else {
        Object.assign(refund, { status: 'failed', lastError: outcome.reason, updatedAt: now });
        charge.reservedCents -= refund.amountCents;
      }
      return copy(refund)!;
    },
    async recordRefundAttempt(orderId, key, error, now) {
      const refund = refunds.get(refundKey(orderId, key));
      if (refund?.status !== 'requested') return;
      Object.assign(refund, { attempts: refund.attempts + 1, lastError: error, updatedAt: now });
    },
    async getRefund(orderId, key) {
      return copy(refunds.get(refundKey(orderId, key)));
    },
    async listRefunds(orderId) {
      return [...refunds.values()]
        .filter((refund) => refund.orderId === orderId)
        .map((refund) => copy(refund)!);
    },
    async listRequestedRefunds(before, limit, startKey) {
      const all = [...refunds.values()]
        .filter((refund) => refund.status === 'requested' && refund.createdAt < before)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const start = startKey ? Number(startKey.offset) : 0;
      const page = all.slice(start, start + limit);
      return {
        refunds: page.map((refund) => copy(refund)!),
        next: start + limit < all.length ? { offset: start + limit } : undefined,
      };
    },
    async startTopUp(userId, topUpId, amountCents, paymentMethodId) {
      const id = `${userId}\n${topUpId}`;
      if (!topUps.has(id))
        topUps.set(id, { status: 'pending', providerRef: null, amountCents, paymentMethodId });
      return copy(topUps.get(id))!;
    },
    async setTopUpProviderRef(userId, topUpId, providerRef) {
      topUps.get(`${userId}\n${topUpId}`)!.providerRef = providerRef;
    },
    async creditTopUp(userId, topUpId, amountCents, now) {
      const topUp = topUps.get(`${userId}\n${topUpId}`)!;
      if (topUp.status !== 'pending') return false;
      topUp.status = 'credited';
      addLedger(userId, 'top_up', topUpId, amountCents, now);
      return true;
    },
    async getWallet(userId) {
      return copy(wallet(userId))!;
    },
  };
  return Object.assign(repository, { refunds, facts });
}

interface FakeIntent {
  id: string;
  status: IntentStatus;
  amount: number;
  refunded: number;
  metadata: Record<string, string>;
}

/**
 * A card provider in memory with Stripe's idempotency (a key's result is replayed until it is
 * `forgetKeys()`-ed, as Stripe forgets after 24 h) and switchable faults. Cards: `pm_card_visa`
 * succeeds, `pm_card_chargeDeclined` is declined.
 */
export function fakeCardGateway() {
  const intents = new Map<string, FakeIntent>();
  const refunds: Array<{ id: string; intentId: string; amount: number; metadata: Record<string, string> }> =
    [];
  const remembered = new Map<string, unknown>();
  const faults = { refund: 0, refundAfter: 0, create: 0 };
  const calls: string[] = [];
  let sequence = 0;
  const once = async <T>(key: string, run: () => T | Promise<T>): Promise<T> => {
    if (remembered.has(key)) return structuredClone(remembered.get(key)) as T;
    const result = await run();
    remembered.set(key, structuredClone(result));
    return result;
  };
  const gateway: CardGateway = {
    async describeToken(token) {
      return token.startsWith('pm_card_')
        ? { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 }
        : undefined;
    },
    async createIntent(input) {
      calls.push('createIntent');
      if (faults.create > 0) {
        faults.create--;
        throw new PaymentProviderError('Payment provider failed: connection reset');
      }
      return once(input.idempotencyKey, () => {
        const intent: FakeIntent = {
          id: `pi_FAKE${++sequence}`,
          status:
            input.token === 'pm_card_chargeDeclined' ? 'requires_payment_method' : 'requires_confirmation',
          amount: input.amountCents,
          refunded: 0,
          metadata: { ...input.metadata },
        };
        intents.set(intent.id, intent);
        return { id: intent.id, status: intent.status };
      });
    },
    async confirmIntent(intentId, idempotencyKey) {
      calls.push('confirmIntent');
      return once(idempotencyKey, () => {
        const intent = intents.get(intentId)!;
        if (intent.status === 'requires_confirmation') intent.status = 'succeeded';
        return intent.status;
      });
    },
    async retrieveIntent(intentId) {
      const intent = intents.get(intentId)!;
      return {
        id: intent.id,
        status: intent.status,
        amountReceived: intent.status === 'succeeded' ? intent.amount : 0,
      };
    },
    async cancelIntent(intentId) {
      calls.push('cancelIntent');
      const intent = intents.get(intentId)!;
      if (intent.status !== 'succeeded') intent.status = 'canceled';
      return intent.status;
    },
    async findIntent(metadata) {
      calls.push('findIntent');
      const found = [...intents.values()].find((intent) =>
        Object.entries(metadata).every(([name, value]) => intent.metadata[name] === value),
      );
      return found ? { id: found.id, status: found.status } : undefined;
    },
    async refund(input) {
      calls.push('refund');
      if (faults.refund > 0) {
        faults.refund--;
        throw new PaymentProviderError('Payment provider failed: connection reset');
      }
      const made = await once<ProviderRefund>(input.idempotencyKey, () => {
        const intent = intents.get(input.intentId)!;
        if (intent.status !== 'succeeded' || intent.refunded + input.amountCents > intent.amount) {
          throw new RefundRejectedError('Refund amount is greater than unrefunded amount on charge');
        }
        intent.refunded += input.amountCents;
        const refund = {
          id: `re_PROV${++sequence}`,
          intentId: input.intentId,
          amount: input.amountCents,
          metadata: input.metadata,
        };
        refunds.push(refund);
        return { id: refund.id, status: 'succeeded' };
      });
      if (faults.refundAfter > 0) {
        faults.refundAfter--;
        throw new PaymentProviderError('Payment provider failed: timed out');
      }
      return made;
    },
    async findRefund(intentId, metadata) {
      calls.push('findRefund');
      const found = refunds.find(
        (refund) =>
          refund.intentId === intentId &&
          Object.entries(metadata).every(([name, value]) => refund.metadata[name] === value),
      );
      return found ? { id: found.id, status: 'succeeded' } : undefined;
    },
  };
  return {
    gateway,
    faults,
    calls,
    intents,
    refunds,
    /** What Stripe does to keys after 24 hours. */
    forgetKeys: () => remembered.clear(),
  };
}
