import type { OrdersDeps } from './service';
import { markFailed, markPaid } from './service';

export interface SettlementDeps {
  store: Pick<OrdersDeps, 'orders' | 'publish' | 'now'>;
  paymentOutcome: (orderId: string) => Promise<'charged' | 'not_charged' | 'unknown'>;
  commitStock: (orderId: string) => Promise<void>;
  releaseStock: (orderId: string) => Promise<void>;
  refund: (orderId: string, refundKey: string) => Promise<unknown>;
}

/**
 * Finishes or unwinds a pending order from what the payment provider says really happened —
 * never by charging: a charged order has its stock confirmed and becomes paid; an order that
 * was not charged has its stock released and fails. The reconciler and the Stripe webhook
 * both end here, and every step is idempotent, so they may race each other and the saga.
 */
export async function settlePendingOrder(
  orderId: string,
  deps: SettlementDeps,
): Promise<'paid' | 'failed' | 'unknown' | 'not_pending'> {
  const order = await deps.store.orders.get(orderId);
  if (order?.status !== 'pending') return 'not_pending';
  const outcome = await deps.paymentOutcome(orderId);
  if (outcome === 'unknown') return 'unknown';
  if (outcome === 'charged') {
    try {
      await deps.commitStock(orderId);
    } catch (error) {
      if (
        (error as Error).name !== 'ReservationStateError' &&
        (error as Error).name !== 'ReservationNotFoundError'
      )
        throw error;
      // The stock is gone (released before the charge was known): give the money back.
      await deps.refund(orderId, 'unconfirmed-stock');
      await deps.releaseStock(orderId);
      await markFailed(orderId, 'INVENTORY_CONFIRM_FAILED', deps.store);
      return 'failed';
    }
    await markPaid(orderId, deps.store);
    return 'paid';
  }
  await deps.releaseStock(orderId);
  await markFailed(orderId, 'PAYMENT_NOT_COMPLETED', deps.store);
  return 'failed';
}

export interface ReconcileDeps extends SettlementDeps {
  /** Stops the order's checkout execution, so the saga and the reconciler never both act. */
  stopSaga: (orderId: string) => Promise<void>;
}

/**
 * Orders pending longer than `olderThanSeconds` are stuck (a stopped saga, a lost response):
 * each one's execution is stopped, then it is settled from what the payment provider says.
 */
export async function reconcilePendingOrders(
  options: { olderThanSeconds: number; orderId?: string },
  deps: ReconcileDeps,
): Promise<{ reconciled: Record<string, string> }> {
  const before = new Date(deps.store.now().getTime() - options.olderThanSeconds * 1000).toISOString();
  const only = options.orderId;
  const stuck = only
    ? [await deps.store.orders.get(only)]
        .filter((order) => order?.status === 'pending' && order.orderedAt < before)
        .map((order) => order!)
    : await deps.store.orders.listPendingBefore(before, 50);
  const results: Record<string, string> = {};
  for (const order of stuck) {
    await deps.stopSaga(order.orderId);
    results[order.orderId] = await settlePendingOrder(order.orderId, deps);
  }
  return { reconciled: results };
}
