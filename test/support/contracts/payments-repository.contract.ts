import { randomUUID } from 'node:crypto';
import { RefundExceedsChargeError } from '../../../functions/payments/errors';
import { PaymentSucceeded, paymentSucceededId } from '../../../functions/payments/events';
import type { PaymentsStore } from '../../../functions/payments/store';

const unique = () => randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase();
const NOW = '2026-12-02T10:00:00.000Z';
const LATER = '2026-12-02T10:05:00.000Z';

/**
 * What the payments domain relies on from its store. Runs against the in-memory fake (unit) and
 * the DynamoDB adapter (integration), so a fake that drifts from the adapter fails here.
 */
export function paymentsRepositoryContract(make: () => PaymentsStore): void {
  let repo: PaymentsStore;
  beforeEach(() => {
    repo = make();
  });

  async function charged(method: 'card' | 'wallet', amountCents: number) {
    const userId = `usr_CON${unique()}`;
    const orderId = `ord_CON${unique()}`;
    if (method === 'wallet') {
      await repo.startTopUp(userId, `top_${orderId}`, amountCents, 'pm_WALLET', NOW);
      await repo.creditTopUp(userId, `top_${orderId}`, amountCents, NOW);
    }
    const charge = await repo.ensureCharge({
      orderId,
      userId,
      idempotencyKey: `charge:${orderId}`,
      method,
      paymentMethodId: method === 'wallet' ? 'pm_WALLET' : 'pm_CARD',
      amountCents,
      currency: 'USD',
      createdAt: NOW,
    });
    if (method === 'wallet') await repo.debitWallet(charge, NOW);
    else await repo.settleCharge(orderId, 'charged', NOW);
    return { orderId, userId };
  }

  it('keeps one charge per order, and settles it only from pending', async () => {
    const { orderId } = await charged('card', 1000);
    const again = await repo.ensureCharge({
      orderId,
      userId: 'usr_OTHER',
      idempotencyKey: `charge:${orderId}`,
      method: 'card',
      paymentMethodId: 'pm_OTHER',
      amountCents: 5,
      currency: 'USD',
      createdAt: LATER,
    });
    expect(again).toMatchObject({ amountCents: 1000, status: 'charged' });
    expect(await repo.settleCharge(orderId, 'failed', LATER, 'late')).toBe(false);
  });

  it('records a card refund requested, claiming but not counting it, once per key', async () => {
    const { orderId } = await charged('card', 1000);
    const first = await repo.requestRefund(orderId, 'saga', 'remaining', NOW);
    const repeat = await repo.requestRefund(orderId, 'saga', 300, LATER);

    expect(first).toMatchObject({ status: 'requested', amountCents: 1000, refundKey: 'saga', attempts: 0 });
    expect(repeat).toEqual(first);
    expect(await repo.getCharge(orderId)).toMatchObject({
      status: 'charged',
      refundedCents: 0,
      reservedCents: 1000,
    });
    expect(await repo.requestRefund(orderId, 'other', 'remaining', NOW)).toBeUndefined();
    await expect(repo.requestRefund(orderId, 'more', 1, NOW)).rejects.toBeInstanceOf(
      RefundExceedsChargeError,
    );
  });

  it('counts a refund once it succeeds; the charge is refunded when the refunds cover it', async () => {
    const { orderId } = await charged('card', 1000);
    await repo.requestRefund(orderId, 'a', 400, NOW);
    await repo.requestRefund(orderId, 'b', 600, NOW);

    await repo.settleRefund(orderId, 'a', { status: 'succeeded', providerRef: 're_A' }, LATER);
    expect(await repo.getCharge(orderId)).toMatchObject({ status: 'charged', refundedCents: 400 });
    await repo.settleRefund(orderId, 'b', { status: 'succeeded', providerRef: 're_B' }, LATER);
    const again = await repo.settleRefund(orderId, 'b', { status: 'failed', reason: 'late' }, LATER);

    expect(again).toMatchObject({ status: 'succeeded', providerRef: 're_B' });
    expect(await repo.getCharge(orderId)).toMatchObject({
      status: 'refunded',
      refundedCents: 1000,
      reservedCents: 1000,
    });
  });

  it('gives a failed refund claim back, so the amount can be refunded again', async () => {
    const { orderId } = await charged('card', 1000);
    await repo.requestRefund(orderId, 'a', 700, NOW);
    await repo.recordRefundAttempt(orderId, 'a', 'PaymentProviderError: down', NOW);
    expect(await repo.getRefund(orderId, 'a')).toMatchObject({
      attempts: 1,
      lastError: 'PaymentProviderError: down',
    });

    await repo.settleRefund(orderId, 'a', { status: 'failed', reason: 'refused' }, LATER);

    expect(await repo.getCharge(orderId)).toMatchObject({
      status: 'charged',
      refundedCents: 0,
      reservedCents: 0,
    });
    expect(await repo.requestRefund(orderId, 'b', 'remaining', LATER)).toMatchObject({ amountCents: 1000 });
    expect(
      (await repo.listRefunds(orderId)).map((refund) => [refund.refundKey, refund.status]).sort(),
    ).toEqual([
      ['a', 'failed'],
      ['b', 'requested'],
    ]);
  });

  it('lists the refunds still requested from before a time, page by page', async () => {
    const { orderId } = await charged('card', 1000);
    await repo.requestRefund(orderId, 'old-1', 100, '2001-01-01T00:00:01.000Z');
    await repo.requestRefund(orderId, 'old-2', 100, '2001-01-01T00:00:02.000Z');
    await repo.requestRefund(orderId, 'done', 100, '2001-01-01T00:00:03.000Z');
    await repo.settleRefund(orderId, 'done', { status: 'succeeded', providerRef: 're_D' }, NOW);
    await repo.requestRefund(orderId, 'young', 100, NOW);

    const seen: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await repo.listRequestedRefunds('2001-01-02T00:00:00.000Z', 1, startKey);
      seen.push(
        ...page.refunds.filter((refund) => refund.orderId === orderId).map((refund) => refund.refundKey),
      );
      startKey = page.next;
    } while (startKey);

    expect(seen).toEqual(['old-1', 'old-2']);
  });

  it('refunds a wallet charge into the wallet at once, with its ledger entry', async () => {
    const { orderId, userId } = await charged('wallet', 800);

    const refund = await repo.requestRefund(orderId, 'cancel', 'remaining', NOW);

    expect(refund).toMatchObject({ status: 'succeeded', amountCents: 800 });
    expect(await repo.getCharge(orderId)).toMatchObject({ status: 'refunded', refundedCents: 800 });
    const wallet = await repo.getWallet(userId);
    expect(wallet.balanceCents).toBe(800);
    expect(wallet.ledger.reduce((sum, entry) => sum + entry.amountCents, 0)).toBe(800);
  });

  it('credits a top-up once', async () => {
    const userId = `usr_CON${unique()}`;
    await repo.startTopUp(userId, 'top_1', 500, 'pm_CARD', NOW);
    expect(await repo.creditTopUp(userId, 'top_1', 500, NOW)).toBe(true);
    expect(await repo.creditTopUp(userId, 'top_1', 500, NOW)).toBe(false);
    expect((await repo.getWallet(userId)).balanceCents).toBe(500);
  });

  it("lists a user's payment methods, and deletes one softly, once", async () => {
    const userId = `usr_CON${unique()}`;
    const method = {
      paymentMethodId: `pm_CON${unique()}`,
      userId,
      type: 'card' as const,
      providerToken: 'pm_card_visa',
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
      createdAt: NOW,
      deleted: false,
    };
    await repo.putMethod(method);
    expect(await repo.putMethod({ ...method, last4: '0000' })).toMatchObject({ last4: '4242' });
    expect((await repo.listMethods(userId)).map((listed) => listed.paymentMethodId)).toEqual([
      method.paymentMethodId,
    ]);

    expect(await repo.deleteMethod(userId, method.paymentMethodId)).toBe(true);
    expect(await repo.deleteMethod(userId, method.paymentMethodId)).toBe(false);
    expect(await repo.listMethods(userId)).toEqual([]);
    expect(await repo.getMethod(userId, method.paymentMethodId)).toMatchObject({ deleted: true });
  });

  it('records a provider fact once, however often it is told, and only with its events', async () => {
    const intentId = `pi_CON${unique()}`;
    const fact = { entity: intentId, change: 'succeeded' };
    const event = PaymentSucceeded.build({
      eventId: paymentSucceededId(intentId),
      order_id: `ord_CON${unique()}`,
      payment_intent_id: intentId,
      amount_cents: 100,
      currency: 'usd',
      version: 1,
    });
    await repo.recordProviderFact(fact, [event], new Date(NOW));
    await expect(repo.recordProviderFact(fact, [event], new Date(LATER))).resolves.toBeUndefined();
    await expect(
      repo.recordProviderFact({ entity: intentId, change: 'other' }, [], new Date(NOW)),
    ).rejects.toThrow('at least one event');
  });
}
