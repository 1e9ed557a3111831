import type { OrdersDeps } from './service';
import { markFailed, markPaid } from './service';

export interface SettlementDeps {
  store: Pick<OrdersDeps, 'orders' | 'now' | 'releaseCartClaim'>;
  /** `refunded`: the charge was given back (or is being): the order is unwound, never paid. */
  paymentOutcome: (orderId: string) => Promise<'charged' | 'refunded' | 'not_charged' | 'unknown'>;
  commitStock: (orderId: string) => Promise<void>;
  releaseStock: (orderId: string) => Promise<void>;
  refund: (orderId: string, refundKey: string) => Promise<unknown>;
}

/**
 * Finishes or unwinds a pending order from what the payment provider says really happened —
 * never by charging: a charged order has its stock confirmed and becomes paid; an order that
 * was not charged, or whose charge was refunded, has its stock released and fails. The reconciler and the Stripe webhook
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
  await markFailed(
    orderId,
    outcome === 'refunded' ? 'PAYMENT_REFUNDED' : 'PAYMENT_NOT_COMPLETED',
    deps.store,
  );
  return 'failed';
}

export interface ReconcileDeps extends SettlementDeps {
  /** Whether the order's checkout execution is still running (DescribeExecution). */
  sagaRunning: (orderId: string) => Promise<boolean>;
}

/**
 * Orders pending longer than `olderThanSeconds` may be stuck (a saga that failed or was
 * stopped, a lost response). One whose checkout execution is still running is left to it —
 * a Standard workflow carries on through retries and restarts, and the saga and the
 * reconciler must never both act — and reported as `running`. Every other one is settled
 * from what the payment provider says (an execution that ended never runs again, so nothing
 * races the settlement). Each order is settled on its own: one that fails is counted and
 * reported, and the rest go on; the pending index is read page by page to its end.
 */
export async function reconcilePendingOrders(
  options: { olderThanSeconds: number; orderId?: string; pageSize?: number },
  deps: ReconcileDeps,
): Promise<{
  reconciled: Record<string, string>;
  settled: number;
  running: number;
  failed: number;
  errors: Array<{ order_id: string; error: string }>;
}> {
  const before = new Date(deps.store.now().getTime() - options.olderThanSeconds * 1000).toISOString();
  const result = {
    reconciled: {} as Record<string, string>,
    settled: 0,
    running: 0,
    failed: 0,
    errors: [] as Array<{ order_id: string; error: string }>,
  };
  const settleOne = async (orderId: string) => {
    try {
      if (await deps.sagaRunning(orderId)) {
        result.reconciled[orderId] = 'running';
        result.running++;
        return;
      }
      result.reconciled[orderId] = await settlePendingOrder(orderId, deps);
      result.settled++;
    } catch (error) {
      result.failed++;
      result.errors.push({
        order_id: orderId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  };
  if (options.orderId) {
    const order = await deps.store.orders.get(options.orderId);
    if (order?.status === 'pending' && order.orderedAt < before) await settleOne(order.orderId);
    return result;
  }
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.store.orders.listPendingBefore(before, options.pageSize ?? 50, startKey);
    for (const order of page.orders) await settleOne(order.orderId);
    startKey = page.next;
  } while (startKey);
  return result;
}
