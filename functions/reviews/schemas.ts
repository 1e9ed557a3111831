import * as z from 'zod';
import { cursorParam, idOf, queryInt } from '../../shared/schemas/common';

/** Reviews are plain text: anything that looks like markup is refused, not silently stripped. */
const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/<\s*[a-z!/?]/i.test(value), 'must be plain text (no HTML or markup)')
    .refine(
      (value) => ![...value].some((c) => c.charCodeAt(0) < 0x20 && c !== '\n' && c !== '\t'),
      'must not contain control characters',
    );

const rating = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be 1 to 5')
  .max(5, 'must be 1 to 5');

export const ReviewBody = z.strictObject({ rating, title: plain(120), body: plain(5000) });
export const EditReviewBody = z
  .strictObject({ rating: rating.optional(), title: plain(120).optional(), body: plain(5000).optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');

export const ProductReviewsParams = z.object({ product_id: idOf('prod') });
export const ReviewParams = z.object({ review_id: idOf('rev') });

export const ListReviewsQuery = z.strictObject({
  sort: z
    .enum(['newest', 'helpful', 'rating_desc', 'rating_asc'], {
      error: 'must be newest, helpful, rating_desc or rating_asc',
    })
    .default('newest'),
  rating: z.enum(['1', '2', '3', '4', '5'], { error: 'must be 1 to 5' }).transform(Number).optional(),
  limit: queryInt(1, 50).default(10),
  cursor: cursorParam.optional(),
});

export const ReviewView = z.object({
  review_id: z.string(),
  product_id: z.string(),
  user_id: z.string(),
  author_name: z.string(),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  verified_purchase: z.boolean(),
  helpful_count: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const RatingSummary = z.object({
  average: z.number(),
  count: z.number().int(),
  histogram: z.object({
    '1': z.number().int(),
    '2': z.number().int(),
    '3': z.number().int(),
    '4': z.number().int(),
    '5': z.number().int(),
  }),
});

export const ReviewList = z.object({
  items: z.array(ReviewView),
  next_cursor: z.string().nullable(),
  summary: RatingSummary,
});
export const HelpfulResponse = z.object({ review_id: z.string(), helpful_count: z.number().int() });

export type ReviewViewType = z.input<typeof ReviewView>;
export type RatingSummaryType = z.input<typeof RatingSummary>;
