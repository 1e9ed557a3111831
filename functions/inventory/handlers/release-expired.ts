import { scheduledHandler } from '../../../shared/handlers';
import { logger } from '../../../shared/logger';
import { inventoryDeps } from '../deps';
import { releaseExpired } from '../service';

/** Scheduled: releases held reservations whose time ran out (never `charging` ones). */
export const handler = scheduledHandler(
  async (): Promise<{ released: number }> => {
    const { released } = await releaseExpired(inventoryDeps());
    if (released.length) logger.info('Released expired reservations', { count: released.length });
    return { released: released.length };
  },
  { count: (result, _event, metrics) => metrics.count('ReservationsExpired', result.released) },
);
