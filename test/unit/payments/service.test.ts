import {
  OrderNotChargeableError,
  PaymentProviderError,
  RefundExceedsChargeError,
} from '../../../functions/payments/errors';
import {
  type ChargeableOrder,
  chargeOrder,
  type PaymentsDeps,
  paymentOutcome,
  refundOrder,
  retryRequestedRefunds,
  topUpWallet,
  voidOrRefund,
} from '../../../functions/payments/service';
import { UnprocessableError } from '../../../shared/errors';
import { fakeCardGateway, fakePaymentsRepository } from '../../support/fake-payments';

const DAY_MS = 24 * 60 * 60 * 1000;

function world() {
  const payments = fakePaymentsRepository();
  const cards = fakeCardGateway();
  const orders = new Map<string, ChargeableOrder>();
  const clock = { now: Date.parse('2026-12-02T10:00:00.000Z') };
  const deps: PaymentsDeps = {
    payments,
    cards: async () => cards.gateway,
    findOrder: async (orderId) => orders.get(orderId),
    now: () => new Date(clock.now),
  };
  let sequence = 0;
  async function order(method: 'card' | 'wallet', totalCents: number, walletCents = 0) {
    const n = ++sequence;
    const userId = `usr_UNIT${n}`;
    const paymentMethodId = method === 'card' ? `pm_UNIT${n}` : `pm_WALLET${n}`;
    await payments.putMethod({
      paymentMethodId,
      userId,
      type: method,
      providerToken: method === 'card' ? 'pm_card_visa' : null,
      brand: null,
      last4: null,
      expMonth: null,
      expYear: null,
      createdAt: new Date(clock.now).toISOString(),
      deleted: false,
    });
    if (walletCents) {
      await payments.startTopUp(userId, `top_${n}`, walletCents, paymentMethodId, '');
      await payments.creditTopUp(userId, `top_${n}`, walletCents, '');
    }
    const placed: ChargeableOrder = {
      orderId: `ord_UNIT${n}`,
      userId,
      status: 'pending',
      totalCents,
      currency: 'USD',
      paymentMethodId,
    };
    orders.set(placed.orderId, placed);
    return placed;
  }
  return { payments, cards, deps, clock, order };
}

describe('refundOrder', () => {
  it('sends a refund whose provider call failed again, for the amount it was recorded with', async () => {
    const { cards, deps, order, payments } = world();
    const placed = await order('card', 3000);
    await chargeOrder(placed.orderId, deps);
    cards.faults.refund = 1;

    await expect(refundOrder(placed.orderId, 'saga', 'remaining', deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(await payments.getCharge(placed.orderId)).toMatchObject({ refundedCents: 0, reservedCents: 3000 });
    const retried = await refundOrder(placed.orderId, 'saga', 'remaining', deps);

    expect(retried).toMatchObject({ status: 'succeeded', amount_cents: 3000 });
    expect(cards.refunds.map((refund) => refund.amount)).toEqual([3000]);
    expect(await payments.getCharge(placed.orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 3000,
    });
  });

  it('past the provider key memory, finds the refund it made by metadata instead of making another', async () => {
    const { cards, deps, order, clock } = world();
    const placed = await order('card', 3000);
    await chargeOrder(placed.orderId, deps);
    cards.faults.refundAfter = 1;
    await expect(refundOrder(placed.orderId, 'return-1', 1000, deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );

    clock.now += DAY_MS;
    cards.forgetKeys();
    const retried = await refundOrder(placed.orderId, 'return-1', 1000, deps);

    expect(retried).toMatchObject({ status: 'succeeded', amount_cents: 1000 });
    expect(cards.refunds).toHaveLength(1);
    expect(cards.calls).toContain('findRefund');
  });

  it('within the key memory, repeats the provider call under the same key without looking it up', async () => {
    const { cards, deps, order } = world();
    const placed = await order('card', 3000);
    await chargeOrder(placed.orderId, deps);
    cards.faults.refundAfter = 1;
    await expect(refundOrder(placed.orderId, 'return-1', 1000, deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );

    await refundOrder(placed.orderId, 'return-1', 1000, deps);

    expect(cards.refunds).toHaveLength(1);
    expect(cards.calls).not.toContain('findRefund');
  });

  it('never refunds beyond the charge, counting refunds still requested', async () => {
    const { cards, deps, order } = world();
    const placed = await order('card', 3000);
    await chargeOrder(placed.orderId, deps);
    cards.faults.refund = 1;
    await refundOrder(placed.orderId, 'return-1', 2000, deps).catch(() => undefined);

    await expect(refundOrder(placed.orderId, 'return-2', 1500, deps)).rejects.toBeInstanceOf(
      RefundExceedsChargeError,
    );
    expect(await refundOrder(placed.orderId, 'cancel', 'remaining', deps)).toMatchObject({
      amount_cents: 1000,
    });
  });

  it('gives a wallet charge back to the wallet once per key', async () => {
    const { deps, order, payments } = world();
    const placed = await order('wallet', 1200, 2000);
    await chargeOrder(placed.orderId, deps);

    await refundOrder(placed.orderId, 'cancel', 'remaining', deps);
    await refundOrder(placed.orderId, 'cancel', 'remaining', deps);

    expect((await payments.getWallet(placed.userId)).balanceCents).toBe(2000);
    expect(await payments.getCharge(placed.orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 1200,
    });
  });

  it('has nothing to refund on an order that was never charged', async () => {
    const { deps, order } = world();
    const placed = await order('card', 1000);
    expect(await refundOrder(placed.orderId, 'saga', 'remaining', deps)).toEqual({
      refund_id: null,
      amount_cents: 0,
      status: 'nothing_to_refund',
    });
  });
});

describe('retryRequestedRefunds', () => {
  it('settles what it can and counts what it cannot, going on past a failure', async () => {
    const { cards, deps, order, clock, payments } = world();
    const first = await order('card', 1000);
    const second = await order('card', 2000);
    for (const placed of [first, second]) {
      await chargeOrder(placed.orderId, deps);
      cards.faults.refund = 1;
      await refundOrder(placed.orderId, 'saga', 'remaining', deps).catch(() => undefined);
    }
    clock.now += 10 * 60 * 1000;
    cards.faults.refund = 1;

    const result = await retryRequestedRefunds({ olderThanSeconds: 60, pageSize: 1 }, deps);

    expect(result.succeeded).toBe(1);
    expect(result.stillRequested).toEqual([
      expect.objectContaining({ orderId: first.orderId, refundKey: 'saga' }),
    ]);
    expect(await payments.getRefund(first.orderId, 'saga')).toMatchObject({
      status: 'requested',
      attempts: 2,
    });
    expect(await payments.getRefund(second.orderId, 'saga')).toMatchObject({ status: 'succeeded' });
    expect(result.unsettled).toBe(0);
  });

  it('counts a refund still requested 15 minutes after it was asked for as unsettled', async () => {
    const { cards, deps, order, clock } = world();
    const placed = await order('card', 1000);
    await chargeOrder(placed.orderId, deps);
    cards.faults.refund = 1;
    await refundOrder(placed.orderId, 'saga', 'remaining', deps).catch(() => undefined);

    clock.now += 14 * 60 * 1000;
    cards.faults.refund = 1;
    expect((await retryRequestedRefunds({ olderThanSeconds: 60 }, deps)).unsettled).toBe(0);

    clock.now += 60 * 1000;
    cards.faults.refund = 1;
    const late = await retryRequestedRefunds({ olderThanSeconds: 60 }, deps);
    expect(late.unsettled).toBe(1);
    expect(late.stillRequested).toEqual([expect.objectContaining({ orderId: placed.orderId })]);
  });
});

describe('voidOrRefund', () => {
  it('makes an uncharged card order unchargeable: its intent is created by the order key and cancelled', async () => {
    const { cards, deps, order, payments } = world();
    const placed = await order('card', 1000);

    expect(await voidOrRefund(placed.orderId, 'cancel', deps)).toEqual({ refunded_cents: 0 });

    expect([...cards.intents.values()].map((intent) => intent.status)).toEqual(['canceled']);
    expect(await payments.getCharge(placed.orderId)).toMatchObject({
      status: 'failed',
      failureCode: 'cancelled',
    });
    await expect(chargeOrder(placed.orderId, deps)).rejects.toThrow();
  });

  it('refunds a charged order, and reports a provider failure so the cancel is run again', async () => {
    const { cards, deps, order } = world();
    const placed = await order('card', 1000);
    await chargeOrder(placed.orderId, deps);
    cards.faults.refund = 1;

    await expect(voidOrRefund(placed.orderId, 'cancel', deps)).rejects.toBeInstanceOf(PaymentProviderError);
    expect(await voidOrRefund(placed.orderId, 'cancel', deps)).toEqual({ refunded_cents: 1000 });
  });
});

describe('paymentOutcome', () => {
  it('says refunded, never charged, for a refunded charge and for one whose refund is under way', async () => {
    const { cards, deps, order } = world();
    const refunded = await order('card', 1000);
    await chargeOrder(refunded.orderId, deps);
    await refundOrder(refunded.orderId, 'saga', 'remaining', deps);
    const refunding = await order('card', 1000);
    await chargeOrder(refunding.orderId, deps);
    cards.faults.refund = 1;
    await refundOrder(refunding.orderId, 'saga', 'remaining', deps).catch(() => undefined);

    expect(await paymentOutcome(refunded.orderId, deps)).toBe('refunded');
    expect(await paymentOutcome(refunding.orderId, deps)).toBe('refunded');
  });

  it('a repeated charge step finds a refunded order not chargeable, rather than charged', async () => {
    const { deps, order } = world();
    const placed = await order('card', 1000);
    await chargeOrder(placed.orderId, deps);
    await refundOrder(placed.orderId, 'saga', 'remaining', deps);

    await expect(chargeOrder(placed.orderId, deps)).rejects.toBeInstanceOf(OrderNotChargeableError);
  });

  it('says charged for a charge that went through', async () => {
    const { deps, order } = world();
    const placed = await order('card', 1000);
    await chargeOrder(placed.orderId, deps);
    expect(await paymentOutcome(placed.orderId, deps)).toBe('charged');
  });

  it('cancels the intent of a charge in flight before saying not charged', async () => {
    const { cards, deps, order } = world();
    const placed = await order('card', 1000);

    expect(await paymentOutcome(placed.orderId, deps)).toBe('not_charged');

    expect(cards.calls).toEqual(['createIntent', 'cancelIntent']);
    await expect(chargeOrder(placed.orderId, deps)).rejects.toThrow();
    expect([...cards.intents.values()].every((intent) => intent.status === 'canceled')).toBe(true);
  });

  it('finds a day-old intent whose id was never stored by its metadata, and reports it charged', async () => {
    const { cards, deps, order, payments, clock } = world();
    const placed = await order('card', 1000);
    const charge = await payments.ensureCharge({
      orderId: placed.orderId,
      userId: placed.userId,
      idempotencyKey: `charge:${placed.orderId}`,
      method: 'card',
      paymentMethodId: placed.paymentMethodId,
      amountCents: 1000,
      currency: 'USD',
      createdAt: new Date(clock.now).toISOString(),
    });
    const intent = await cards.gateway.createIntent({
      amountCents: 1000,
      currency: 'USD',
      token: 'pm_card_visa',
      idempotencyKey: `pi-create:${placed.orderId}`,
      metadata: { order_id: placed.orderId, payment_id: charge.paymentId },
    });
    await cards.gateway.confirmIntent(intent.id, `pi-confirm:${placed.orderId}`);
    clock.now += DAY_MS;
    cards.forgetKeys();

    expect(await paymentOutcome(placed.orderId, deps)).toBe('charged');
    expect(cards.intents.size).toBe(1);
  });

  it('fails a pending wallet charge, so the debit can no longer happen', async () => {
    const { deps, order, payments } = world();
    const placed = await order('wallet', 1000, 5000);

    expect(await paymentOutcome(placed.orderId, deps)).toBe('not_charged');
    await expect(chargeOrder(placed.orderId, deps)).rejects.toThrow();
    expect((await payments.getWallet(placed.userId)).balanceCents).toBe(5000);
  });
});

describe('topUpWallet', () => {
  it('counts the whole Idempotency-Key: keys sharing a long prefix are two top-ups', async () => {
    const { deps, order, cards } = world();
    const placed = await order('card', 0);
    const prefix = 'top-up-2026-12-02-for-the-holidays-';

    await topUpWallet(
      placed.userId,
      { amountCents: 500, paymentMethodId: placed.paymentMethodId, idempotencyKey: `${prefix}a1111` },
      deps,
    );
    const wallet = await topUpWallet(
      placed.userId,
      { amountCents: 500, paymentMethodId: placed.paymentMethodId, idempotencyKey: `${prefix}a2222` },
      deps,
    );

    expect(wallet.balance_cents).toBe(1000);
    expect([...cards.intents.values()].filter((intent) => intent.status === 'succeeded')).toHaveLength(2);
  });

  it('tops up once per key, and refuses the key with another amount', async () => {
    const { deps, order } = world();
    const placed = await order('card', 0);
    const input = { amountCents: 700, paymentMethodId: placed.paymentMethodId, idempotencyKey: 'k-1' };

    await topUpWallet(placed.userId, input, deps);
    expect((await topUpWallet(placed.userId, input, deps)).balance_cents).toBe(700);
    await expect(topUpWallet(placed.userId, { ...input, amountCents: 800 }, deps)).rejects.toBeInstanceOf(
      UnprocessableError,
    );
  });
});
