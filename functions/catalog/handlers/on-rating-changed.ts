import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { RatingChanged } from '../../reviews/events';
import { catalogDeps } from '../deps';

/**
 * Rule target for RatingChanged: the product page's rating summary (average, count and
 * histogram) lives on the product item, newest version only.
 */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { product_id, rating_sum, rating_count, histogram, version } = RatingChanged.parse(event);
  await catalogDeps().products.applyRating(
    product_id,
    { sum: rating_sum, count: rating_count, histogram },
    version,
  );
});
