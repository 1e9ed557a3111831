import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { RatingChanged } from '../../reviews/events';
import { catalogDeps } from '../deps';

/** Rule target for RatingChanged: the product's avg_rating and review_count, newest version only. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { product_id, rating_sum, rating_count, version } = RatingChanged.parse(event);
  await catalogDeps().products.applyRating(product_id, rating_sum, rating_count, version);
});
