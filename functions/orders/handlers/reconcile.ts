import { intEnv } from '../../../shared/config';
import { logger } from '../../../shared/logger';
import { orderStore } from '../deps';
import { stopCheckoutSaga } from '../saga';
import { settlePendingOrder } from '../settlement';
import { settlementDeps } from '../settlement-deps';

/**
 * Scheduled: orders pending longer than the threshold are stuck (a stopped saga, a lost
 * response). Each one's execution is stopped, then the order is settled from what the
 * payment provider says — finished if charged, unwound if not. An operator (or a test) may
 * pass `older_than_seconds` to look at younger orders, and `order_id` to settle just one.
 */
export const handler = async (
  event: { detail?: { older_than_seconds?: number; order_id?: string } } = {},
) => {
  const olderThan = event.detail?.older_than_seconds ?? intEnv('RECONCILE_AFTER_SECONDS', 600);
  const store = orderStore();
  const before = new Date(store.now().getTime() - olderThan * 1000).toISOString();
  const only = event.detail?.order_id;
  const stuck = only
    ? [await store.orders.get(only)]
        .filter((order) => order?.status === 'pending' && order.orderedAt < before)
        .map((order) => order!)
    : await store.orders.listPendingBefore(before, 50);
  const results: Record<string, string> = {};
  for (const order of stuck) {
    await stopCheckoutSaga(order.orderId, 'The reconciler settles this order');
    results[order.orderId] = await settlePendingOrder(order.orderId, settlementDeps());
  }
  if (stuck.length) logger.info('Reconciled pending orders', { results });
  return { reconciled: results };
};
