import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { logger } from '../../../shared/logger';
import { ProductChanged } from '../../catalog/events';
import { StockChanged } from '../../inventory/events';
import { BoughtTogetherChanged } from '../../recommendations/events';
import { RatingChanged } from '../../reviews/events';
import { cdnDeps } from '../deps';
import { type PurgeCause, pathsToPurge, stockMoveShows } from '../service';

/**
 * Marks the paths a change makes stale; the flush schedule sends them to CloudFront together,
 * so a burst of changes becomes one invalidation instead of one per change.
 */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>): Promise<void> => {
  const cause = causeOf(event);
  if (!cause) return;
  await cdnDeps().pending.add(pathsToPurge(cause));
  logger.debug('Purge marked', { cause });
});

/** What the change makes stale on the CDN; undefined when the page shows nothing new. */
function causeOf(event: BusEvent<unknown>): PurgeCause | undefined {
  switch (event['detail-type']) {
    case ProductChanged.detailType:
      return { kind: 'product', productId: ProductChanged.parse(event).product_id };
    case StockChanged.detailType: {
      const move = StockChanged.parse(event);
      return stockMoveShows(move) ? { kind: 'stock', productId: move.product_id } : undefined;
    }
    case RatingChanged.detailType:
      return { kind: 'rating', productId: RatingChanged.parse(event).product_id };
    case BoughtTogetherChanged.detailType:
      return { kind: 'product', productId: BoughtTogetherChanged.parse(event).product_id };
    // The feature switches' SSM parameter changed (Parameter Store Change on the default bus).
    default:
      return { kind: 'flags' };
  }
}
