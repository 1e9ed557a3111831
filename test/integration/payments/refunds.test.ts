import { OrderNotChargeableError, PaymentProviderError } from '../../../functions/payments/errors';
import { oldestUnsettledRefund, REFUND_UNSETTLED_ALARM_SECONDS } from '../../../functions/payments/refunds';
import {
  chargeOrder,
  type PaymentsDeps,
  paymentOutcome,
  refundOrder,
  retryRequestedRefunds,
  voidOrRefund,
} from '../../../functions/payments/service';
import { type StripeTestServer, startStripeServer } from '../../../local/stripe-server';
import { paymentsWorld } from './payments-support';

const DAY_MS = 24 * 60 * 60 * 1000;

let stripe: StripeTestServer;
const clock = { now: Date.now() };

beforeAll(async () => {
  stripe = await startStripeServer({ now: () => clock.now });
});
afterAll(() => stripe.stop());
beforeEach(() => {
  clock.now = Date.now();
});

describe('refunds against DynamoDB Local and the local Stripe server', () => {
  it('a refund whose provider call failed is sent again on retry, for the whole remaining amount', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 2500 });
    await chargeOrder(order.orderId, world.deps);

    world.faults.refundBefore = 1;
    await expect(refundOrder(order.orderId, 'saga', 'remaining', world.deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    // Nothing settled yet: the charge does not count the refund as refunded.
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'charged',
      refundedCents: 0,
    });

    const retried = await refundOrder(order.orderId, 'saga', 'remaining', world.deps);

    expect(retried).toMatchObject({ amount_cents: 2500, status: 'succeeded' });
    expect(world.atProvider(order.orderId).refundedCents).toBe(2500);
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 2500,
    });
  });

  it('a refund whose answer was lost is found by its metadata after Stripe forgot its key (24 h), not made twice', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 4000 });
    await chargeOrder(order.orderId, world.deps);

    world.faults.refundAfter = 1;
    await expect(refundOrder(order.orderId, 'return-1', 1500, world.deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(world.atProvider(order.orderId).refundedCents).toBe(1500);

    clock.now += DAY_MS + 60_000;
    const retried = await refundOrder(order.orderId, 'return-1', 1500, world.deps);

    expect(retried).toMatchObject({ amount_cents: 1500, status: 'succeeded' });
    expect(world.atProvider(order.orderId).refunds).toHaveLength(1);
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'charged',
      refundedCents: 1500,
    });
  });

  it('two partial refunds that settle at once leave a fully refunded charge `refunded`', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'wallet', totalCents: 1000, walletCents: 1000 });
    await chargeOrder(order.orderId, world.deps);

    await Promise.all([
      refundOrder(order.orderId, 'return-a', 400, world.deps),
      refundOrder(order.orderId, 'return-b', 600, world.deps),
    ]);

    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 1000,
    });
    expect((await world.deps.payments.getWallet(order.userId)).balanceCents).toBe(1000);
  });

  it('two partial card refunds at once: the charge ends `refunded` with both counted', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 3000 });
    await chargeOrder(order.orderId, world.deps);

    await Promise.all([
      refundOrder(order.orderId, 'return-a', 1000, world.deps),
      refundOrder(order.orderId, 'return-b', 2000, world.deps),
    ]);

    expect(world.atProvider(order.orderId).refundedCents).toBe(3000);
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 3000,
    });
  });
});

describe('the retry schedule', () => {
  it('sends a refund left requested again and settles it, counting it only then', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 2700 });
    await chargeOrder(order.orderId, world.deps);
    world.faults.refundBefore = 1;
    await expect(refundOrder(order.orderId, 'saga', 'remaining', world.deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(await world.deps.payments.getRefund(order.orderId, 'saga')).toMatchObject({
      status: 'requested',
      attempts: 1,
    });

    clock.now += 5_000;
    const result = await retryRequestedRefunds({ olderThanSeconds: 1 }, world.deps);

    expect(result.succeeded).toBeGreaterThanOrEqual(1);
    expect(await world.deps.payments.getRefund(order.orderId, 'saga')).toMatchObject({ status: 'succeeded' });
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 2700,
    });
    expect(world.atProvider(order.orderId).refundedCents).toBe(2700);
  });

  it('finds a refund left requested past the alarm threshold, oldest first, and not before', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 1900 });
    await chargeOrder(order.orderId, world.deps);
    world.faults.refundBefore = 1;
    await expect(refundOrder(order.orderId, 'saga', 'remaining', world.deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    const requestedAt = (await world.deps.payments.getRefund(order.orderId, 'saga'))!.createdAt;

    // Other tests' refunds share the table: only one asked for earlier may come first.
    clock.now += (REFUND_UNSETTLED_ALARM_SECONDS - 60) * 1000;
    const early = await oldestUnsettledRefund(REFUND_UNSETTLED_ALARM_SECONDS, world.deps);
    expect(early === undefined || early.createdAt < requestedAt).toBe(true);

    clock.now += 120 * 1000;
    const late = await oldestUnsettledRefund(REFUND_UNSETTLED_ALARM_SECONDS, world.deps);
    expect(late).toBeDefined();
    expect(late!.createdAt <= requestedAt).toBe(true);
  });

  it('a refund the provider refuses for good is failed and its claim given back', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 2000 });
    await chargeOrder(order.orderId, world.deps);
    // Refunded behind our back (the dashboard): Stripe will refuse another full refund.
    const intent = world.atProvider(order.orderId).succeeded[0]!;
    await world.cards.refund({
      intentId: intent.id,
      amountCents: 2000,
      idempotencyKey: `dashboard-${order.orderId}`,
      metadata: {},
    });

    const result = await refundOrder(order.orderId, 'saga', 'remaining', world.deps);

    expect(result).toMatchObject({ status: 'failed', amount_cents: 2000 });
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({
      status: 'charged',
      refundedCents: 0,
      reservedCents: 0,
    });
  });
});

describe('what the reconciler is told about a payment', () => {
  it('a refunded charge is never reported as charged', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 1800 });
    await chargeOrder(order.orderId, world.deps);
    await refundOrder(order.orderId, 'saga', 'remaining', world.deps);

    expect(await paymentOutcome(order.orderId, world.deps)).not.toBe('charged');
  });

  it('a charge whose refund is still being retried is not reported as charged either', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 1800 });
    await chargeOrder(order.orderId, world.deps);
    world.faults.refundBefore = 1;
    await refundOrder(order.orderId, 'saga', 'remaining', world.deps).catch(() => undefined);

    expect(await paymentOutcome(order.orderId, world.deps)).not.toBe('charged');
  });

  it('a charge in flight with no intent stored yet cannot be completed once the reconciler said "not charged"', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 2200 });
    // ChargePayment has recorded the charge and is about to create its intent when the
    // reconciler asks what happened to this order.
    let outcome: string | undefined;
    const charging: PaymentsDeps = {
      ...world.deps,
      cards: async () => {
        const cards = await world.deps.cards();
        return {
          ...cards,
          async createIntent(input) {
            outcome ??= await paymentOutcome(order.orderId, world.deps);
            return cards.createIntent(input);
          },
        };
      },
    };

    await expect(chargeOrder(order.orderId, charging)).rejects.toBeInstanceOf(OrderNotChargeableError);

    expect(outcome).toBe('not_charged');
    expect(world.atProvider(order.orderId).succeeded).toHaveLength(0);
    expect(await world.deps.payments.getCharge(order.orderId)).toMatchObject({ status: 'failed' });
  });

  it('an intent created by the charge step but not stored yet is found by the order key and cancelled', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 2300 });
    const charge = await world.deps.payments.ensureCharge({
      orderId: order.orderId,
      userId: order.userId,
      idempotencyKey: `charge:${order.orderId}`,
      method: 'card',
      paymentMethodId: order.paymentMethodId,
      amountCents: order.totalCents,
      currency: order.currency,
      createdAt: new Date(clock.now).toISOString(),
    });
    // The step created its intent; its id never reached the charge record.
    await world.cards.createIntent({
      amountCents: charge.amountCents,
      currency: charge.currency,
      token: 'pm_card_visa',
      idempotencyKey: `pi-create:${order.orderId}`,
      metadata: { order_id: order.orderId, payment_id: charge.paymentId },
    });

    expect(await paymentOutcome(order.orderId, world.deps)).toBe('not_charged');
    await expect(chargeOrder(order.orderId, world.deps)).rejects.toThrow();

    const provider = world.atProvider(order.orderId);
    expect(provider.intents).toHaveLength(1);
    expect(provider.intents[0]!.status).toBe('canceled');
  });

  it('past 24 h an unstored intent is found by its metadata, not created again', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 2400 });
    const charge = await world.deps.payments.ensureCharge({
      orderId: order.orderId,
      userId: order.userId,
      idempotencyKey: `charge:${order.orderId}`,
      method: 'card',
      paymentMethodId: order.paymentMethodId,
      amountCents: order.totalCents,
      currency: order.currency,
      createdAt: new Date(clock.now).toISOString(),
    });
    const intent = await world.cards.createIntent({
      amountCents: charge.amountCents,
      currency: charge.currency,
      token: 'pm_card_visa',
      idempotencyKey: `pi-create:${order.orderId}`,
      metadata: { order_id: order.orderId, payment_id: charge.paymentId },
    });
    await world.cards.confirmIntent(intent.id, `pi-confirm:${order.orderId}`);

    clock.now += DAY_MS + 60_000;

    expect(await paymentOutcome(order.orderId, world.deps)).toBe('charged');
    expect(world.atProvider(order.orderId).intents).toHaveLength(1);
  });
});

describe('cancellation money', () => {
  it('voids an order that was never charged: its intent is created by the order key and cancelled', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 1200 });

    expect(await voidOrRefund(order.orderId, 'cancel', world.deps)).toEqual({ refunded_cents: 0 });
    await expect(chargeOrder(order.orderId, world.deps)).rejects.toThrow();
    expect(world.atProvider(order.orderId).succeeded).toHaveLength(0);
  });

  it('refunds a charged order whose cancel is run again after a failed refund', async () => {
    const world = paymentsWorld(stripe, clock);
    const order = await world.newOrder({ method: 'card', totalCents: 1300 });
    await chargeOrder(order.orderId, world.deps);

    world.faults.refundBefore = 1;
    await expect(voidOrRefund(order.orderId, 'cancel', world.deps)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(await voidOrRefund(order.orderId, 'cancel', world.deps)).toEqual({ refunded_cents: 1300 });
    expect(world.atProvider(order.orderId).refundedCents).toBe(1300);
  });
});
