import type { BusEvent } from '../../../shared/events';
import { catalogDeps } from '../deps';

/** Rule target for RatingChanged: the product's avg_rating and review_count, newest version only. */
export const handler = async (
  event: BusEvent<{ product_id: string; rating_sum: number; rating_count: number; version: number }>,
) => {
  const { product_id, rating_sum, rating_count, version } = event.detail;
  await catalogDeps().products.applyRating(product_id, rating_sum, rating_count, version);
};
