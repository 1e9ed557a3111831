import * as z from 'zod';
import { toCents } from '../../shared/money';
import { moneyOutput, nullableMoneyOutput, queryInt } from '../../shared/schemas/common';
import { findCategory } from '../catalog/categories';
import { MAX_PAGE_SIZE, SEARCH_SORTS, STOCK_STATUSES } from './search-index';

const queryMoney = z
  .string()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, 'must be an amount such as 50 or 49.99')
  .transform((value) => toCents(value)!);

const queryBoolean = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((value) => value === 'true');

const category = z
  .string()
  .refine((slug) => findCategory(slug) !== undefined, 'must be a known category slug');

const browse = {
  category: category.optional(),
  min_price: queryMoney.optional(),
  max_price: queryMoney.optional(),
  min_rating: z
    .string()
    .regex(/^[0-5](\.\d)?$/, 'must be a rating from 0 to 5')
    .transform(Number)
    .refine((value) => value <= 5, 'must be a rating from 0 to 5')
    .optional(),
  in_stock: queryBoolean.optional(),
  /** Only products whose compare-at price is above their price; `false` filters nothing. */
  on_sale: queryBoolean.optional(),
  page: queryInt(1, 500).default(1),
  page_size: queryInt(1, MAX_PAGE_SIZE).default(20),
};

function priceOrder<T extends { min_price?: number; max_price?: number }>(
  query: T,
  ctx: z.RefinementCtx,
): void {
  if (query.min_price !== undefined && query.max_price !== undefined && query.min_price > query.max_price) {
    ctx.addIssue({ code: 'custom', path: ['min_price'], message: 'must not be greater than max_price' });
  }
}

export const SearchQuerySchema = z
  .strictObject({
    q: z.string().max(200, 'must be at most 200 characters').optional(),
    sort: z
      .enum(SEARCH_SORTS as [string, ...string[]], { error: `must be one of ${SEARCH_SORTS.join(', ')}` })
      .default('relevance'),
    ...browse,
  })
  .superRefine(priceOrder);

export const ListProductsQuerySchema = z
  .strictObject({
    sort: z
      .enum(['newest', 'price_asc', 'price_desc', 'rating'], {
        error: 'must be one of newest, price_asc, price_desc, rating',
      })
      .default('newest'),
    ...browse,
  })
  .superRefine(priceOrder);

export const SuggestQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  limit: queryInt(1, 10).default(10),
});

export const SearchResult = z.object({
  product_id: z.string(),
  seller_id: z.string(),
  title: z.string(),
  category: z.string(),
  ...moneyOutput('price').shape,
  /** The "was" price when the product is on sale; both null otherwise. */
  ...nullableMoneyOutput('compare_at_price').shape,
  currency: z.string(),
  image: z.string().nullable(),
  rating: z.number(),
  review_count: z.number().int(),
  stock_status: z.enum(STOCK_STATUSES),
  created_at: z.string(),
});

export const SearchResponse = z.object({
  results: z.array(SearchResult),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  facets: z.object({
    categories: z.array(z.object({ slug: z.string(), name: z.string(), count: z.number().int() })),
    price_ranges: z.array(
      z.object({
        key: z.string(),
        from: z.number().nullable(),
        to: z.number().nullable(),
        from_cents: z.number().int().nullable(),
        to_cents: z.number().int().nullable(),
        count: z.number().int(),
      }),
    ),
    ratings: z.array(z.object({ min_rating: z.number().int(), count: z.number().int() })),
  }),
});

export const SuggestResponse = z.object({ suggestions: z.array(z.string()) });

export type SearchResponseType = z.input<typeof SearchResponse>;
