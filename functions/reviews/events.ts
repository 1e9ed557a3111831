import * as z from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { EntityChange } from '../../shared/outbox';

const SOURCE = 'bazaar.reviews';

const starCount = z.number().int().nonnegative();

/** Reviews per star, written in the same transaction as every review: they add up to `rating_count`. */
export const RatingHistogram = z
  .object({
    '1': starCount.describe('Reviews of 1 star'),
    '2': starCount.describe('Reviews of 2 stars'),
    '3': starCount.describe('Reviews of 3 stars'),
    '4': starCount.describe('Reviews of 4 stars'),
    '5': starCount.describe('Reviews of 5 stars'),
  })
  .describe('Reviews per star, from the same aggregate as the sum and count: they add up to rating_count');
export type RatingHistogramType = z.output<typeof RatingHistogram>;

export const RatingChanged = defineEvent(
  SOURCE,
  'RatingChanged',
  {
    product_id: z.string(),
    rating_sum: z.number().int().describe('The sum of the product’s review ratings'),
    rating_count: z.number().int().describe('How many reviews the sum counts'),
    histogram: RatingHistogram,
  },
  {
    description:
      'A product’s rating aggregate as a consistent (sum, count, histogram, version) snapshot; consumers keep the newest',
  },
);

export const ReviewPosted = defineEvent(
  SOURCE,
  'ReviewPosted',
  {
    review_id: z.string(),
    product_id: z.string(),
    user_id: z.string().describe('The reviewer'),
    rating: z.number().int().describe('1 to 5 stars'),
  },
  { description: 'A shopper posted a review of a product' },
);

/**
 * The reviews table's own images announce its events: the rating aggregate (changed in the
 * same transaction as every review write) carries RatingChanged with its version, and a new
 * review item is ReviewPosted. Nothing is written besides the review for them to happen.
 */
export function reviewEventsOf({ eventName, newImage, oldImage }: EntityChange): DomainEvent[] {
  if (newImage.type === 'RATING') {
    if (oldImage?.version === newImage.version) return [];
    const productId = String(newImage.pk).slice('PRODUCT#'.length);
    const version = newImage.version as number;
    return [
      RatingChanged.build({
        eventId: `evt_rating_${productId}_v${version}`,
        product_id: productId,
        rating_sum: (newImage.rating_sum as number | undefined) ?? 0,
        rating_count: (newImage.rating_count as number | undefined) ?? 0,
        histogram: histogramOf(newImage),
        version,
      }),
    ];
  }
  if (newImage.type === 'REVIEW' && eventName === 'INSERT') {
    const reviewId = newImage.review_id as string;
    return [
      ReviewPosted.build({
        eventId: `evt_review_${reviewId}_ReviewPosted_v1`,
        review_id: reviewId,
        product_id: newImage.product_id as string,
        user_id: newImage.user_id as string,
        rating: newImage.rating as number,
        version: 1,
      }),
    ];
  }
  return [];
}

/** The aggregate keeps one counter per star (`h1`…`h5`); a star nobody gave has none yet. */
function histogramOf(image: Record<string, unknown>): RatingHistogramType {
  const star = (n: number) => (image[`h${n}`] as number | undefined) ?? 0;
  return { '1': star(1), '2': star(2), '3': star(3), '4': star(4), '5': star(5) };
}
