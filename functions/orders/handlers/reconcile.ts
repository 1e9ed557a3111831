import { intEnv } from '../../../shared/config';
import { scheduledHandler } from '../../../shared/handlers';
import { logger } from '../../../shared/logger';
import { checkoutSagaRunning } from '../saga';
import { reconcilePendingOrders } from '../settlement';
import { settlementDeps } from '../settlement-deps';

/**
 * Scheduled: settles orders pending too long. An operator (or a test) may pass
 * `older_than_seconds` to look at younger orders, and `order_id` to settle just one.
 */
export const handler = scheduledHandler(
  async (event: { detail?: { older_than_seconds?: number; order_id?: string } } = {}) => {
    const result = await reconcilePendingOrders(
      {
        olderThanSeconds: event.detail?.older_than_seconds ?? intEnv('RECONCILE_AFTER_SECONDS', 600),
        orderId: event.detail?.order_id,
      },
      {
        ...settlementDeps(),
        sagaRunning: checkoutSagaRunning,
      },
    );
    for (const failure of result.errors) logger.error('Could not settle a pending order', failure);
    if (result.settled || result.failed || result.running) logger.info('Reconciled pending orders', result);
    return result;
  },
  {
    count: (result, _event, metrics) => {
      metrics.count('ReconcilerSettled', result.settled);
      metrics.count('ReconcilerFailed', result.failed);
      // Watched by the ReconcilerErrors alarm (cdk/constructs/monitoring.ts).
      metrics.count('ReconcilerErrors', result.errors.length);
    },
  },
);
