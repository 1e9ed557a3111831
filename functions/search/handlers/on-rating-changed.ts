import type { BusEvent } from '../../../shared/events';
import { averageRating } from '../../../shared/rating';
import { searchIndex } from '../index-factory';

interface RatingChanged {
  product_id: string;
  rating_sum: number;
  rating_count: number;
  version: number;
}

/** Rule target for RatingChanged: the rating sort and filter follow; older versions are ignored. */
export const handler = async (event: BusEvent<RatingChanged>) => {
  const { product_id, rating_sum, rating_count, version } = event.detail;
  await searchIndex().applyRating(product_id, averageRating(rating_sum, rating_count), rating_count, version);
};
