import type { CardGateway } from './card-gateway';
import { PaymentProviderError, RefundRejectedError } from './errors';
import type { PaymentsDeps } from './service';
import type { ChargeRecord, RefundRecord } from './store';

/**
 * Stripe keeps an idempotency key's result for 24 hours; past this age a repeat could make a
 * second refund (or intent), so what the first call made is looked up by its metadata first.
 * An hour short of Stripe's day, for the clocks' and the first call's sake.
 */
export const PROVIDER_KEY_MEMORY_MS = 23 * 60 * 60 * 1000;

export const providerMayHaveForgotten = (since: string, now: Date) =>
  now.getTime() - Date.parse(since) >= PROVIDER_KEY_MEMORY_MS;

/** A card refund still `requested` this long after it was asked for has not settled: it alarms. */
export const REFUND_UNSETTLED_ALARM_SECONDS = 15 * 60;

export type RefundResult =
  | { refund_id: string; amount_cents: number; status: 'succeeded' | 'failed' }
  | { refund_id: null; amount_cents: 0; status: 'nothing_to_refund' };

const view = (refund: RefundRecord): RefundResult => ({
  refund_id: refund.refundId,
  amount_cents: refund.amountCents,
  status: refund.status === 'failed' ? 'failed' : 'succeeded',
});

/**
 * Refunds part or all of an order's charge, once per `refundKey`, never beyond what was
 * charged: a wallet back to the wallet at once; a card refund is recorded `requested` with its
 * amount fixed, then sent to the provider under the refund's own key until the provider
 * settles it. A provider failure leaves it `requested` and throws PaymentProviderError: the
 * caller's retry (or the retry schedule) sends the same refund again, never a smaller one.
 */
export async function refundOrder(
  orderId: string,
  refundKey: string,
  amountCents: number | 'remaining',
  deps: PaymentsDeps,
): Promise<RefundResult> {
  const refund = await deps.payments.requestRefund(orderId, refundKey, amountCents, deps.now().toISOString());
  if (!refund) return { refund_id: null, amount_cents: 0, status: 'nothing_to_refund' };
  if (refund.status !== 'requested') return view(refund);
  const charge = (await deps.payments.getCharge(orderId))!;
  return view(await sendRefund(charge, refund, await deps.cards(), deps));
}

async function sendRefund(
  charge: ChargeRecord,
  refund: RefundRecord,
  cards: CardGateway,
  deps: PaymentsDeps,
): Promise<RefundRecord> {
  const now = () => deps.now().toISOString();
  const metadata = { order_id: refund.orderId, refund_key: refund.refundKey };
  try {
    if (!charge.providerRef) throw new PaymentProviderError(`Order ${charge.orderId} has no PaymentIntent`);
    const earlier = providerMayHaveForgotten(refund.createdAt, deps.now())
      ? await cards.findRefund(charge.providerRef, metadata)
      : undefined;
    const made =
      earlier ??
      (await cards.refund({
        intentId: charge.providerRef,
        amountCents: refund.amountCents,
        idempotencyKey: `refund:${refund.orderId}:${refund.refundKey}`,
        metadata,
      }));
    const settled = made.status !== 'failed' && made.status !== 'canceled';
    return await deps.payments.settleRefund(
      refund.orderId,
      refund.refundKey,
      settled
        ? { status: 'succeeded', providerRef: made.id }
        : { status: 'failed', reason: `provider refund ${made.id} is ${made.status}` },
      now(),
    );
  } catch (error) {
    if (error instanceof RefundRejectedError) {
      return deps.payments.settleRefund(
        refund.orderId,
        refund.refundKey,
        { status: 'failed', reason: error.message },
        now(),
      );
    }
    await deps.payments.recordRefundAttempt(refund.orderId, refund.refundKey, String(error), now());
    throw error;
  }
}

/**
 * The retry schedule: every card refund still `requested` after `olderThanSeconds` is sent
 * again under its own key, each on its own (one failure is counted, the rest go on), page by
 * page until none are left. `unsettled` counts those still requested past
 * REFUND_UNSETTLED_ALARM_SECONDS, which the schedule reports for the alarm.
 */
export async function retryRequestedRefunds(
  options: { olderThanSeconds: number; pageSize?: number },
  deps: PaymentsDeps,
): Promise<{
  succeeded: number;
  failed: number;
  stillRequested: Array<{ orderId: string; refundKey: string; requestedAt: string; error: string }>;
  unsettled: number;
}> {
  const before = new Date(deps.now().getTime() - options.olderThanSeconds * 1000).toISOString();
  const result = {
    succeeded: 0,
    failed: 0,
    stillRequested: [] as Array<{ orderId: string; refundKey: string; requestedAt: string; error: string }>,
    unsettled: 0,
  };
  const alarmAfter = deps.now().getTime() - REFUND_UNSETTLED_ALARM_SECONDS * 1000;
  const cards = await deps.cards();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.payments.listRequestedRefunds(before, options.pageSize ?? 50, startKey);
    for (const refund of page.refunds) {
      try {
        const charge = (await deps.payments.getCharge(refund.orderId))!;
        const settled = await sendRefund(charge, refund, cards, deps);
        if (settled.status === 'succeeded') result.succeeded++;
        else if (settled.status === 'failed') result.failed++;
      } catch (error) {
        if (Date.parse(refund.createdAt) <= alarmAfter) result.unsettled++;
        result.stillRequested.push({
          orderId: refund.orderId,
          refundKey: refund.refundKey,
          requestedAt: refund.createdAt,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
    }
    startKey = page.next;
  } while (startKey);
  return result;
}

/**
 * The oldest card refund still `requested` more than `olderThanSeconds` after it was asked
 * for, if any: what the unsettled-refunds alarm watches.
 */
export async function oldestUnsettledRefund(
  olderThanSeconds: number,
  deps: Pick<PaymentsDeps, 'payments' | 'now'>,
): Promise<RefundRecord | undefined> {
  const before = new Date(deps.now().getTime() - olderThanSeconds * 1000).toISOString();
  const page = await deps.payments.listRequestedRefunds(before, 1);
  return page.refunds[0];
}
