import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { averageRating } from '../../../shared/rating';
import { RatingChanged } from '../../reviews/events';
import { searchIndex } from '../index-factory';

/** Rule target for RatingChanged: the rating sort and filter follow; older versions are ignored. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { product_id, rating_sum, rating_count, version } = RatingChanged.parse(event);
  await searchIndex().applyRating(product_id, averageRating(rating_sum, rating_count), rating_count, version);
});
