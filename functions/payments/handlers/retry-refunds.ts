import { intEnv } from '../../../shared/config';
import { scheduledHandler } from '../../../shared/handlers';
import { logger } from '../../../shared/logger';
import { paymentsDeps } from '../deps';
import { retryRequestedRefunds } from '../service';

/**
 * Scheduled: card refunds still `requested` (their provider call failed or its answer was
 * lost) are sent again under their own keys until the provider settles them. Younger ones
 * are left to the caller that is still retrying them.
 */
export const handler = scheduledHandler(
  async (event: { detail?: { older_than_seconds?: number } } = {}) => {
    const result = await retryRequestedRefunds(
      { olderThanSeconds: event.detail?.older_than_seconds ?? intEnv('REFUND_RETRY_AFTER_SECONDS', 120) },
      paymentsDeps(),
    );
    for (const refund of result.stillRequested) logger.warn('A refund is still not settled', refund);
    if (result.succeeded || result.failed) {
      logger.info('Retried requested refunds', { succeeded: result.succeeded, failed: result.failed });
    }
    return result;
  },
  {
    count: (result, _event, metrics) => {
      metrics.count('RefundsFailed', result.failed);
      // Watched by the RefundsUnsettled alarm (cdk/constructs/monitoring.ts).
      metrics.count('RefundsUnsettled', result.unsettled);
    },
  },
);
