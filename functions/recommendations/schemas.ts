import * as z from 'zod';
import { idOf, moneyOutput, nullableMoneyOutput, queryInt } from '../../shared/schemas/common';
import { findCategory } from '../catalog/categories';

export const ViewBody = z.strictObject({ product_id: idOf('prod') });
export const ProductRecommendationsParams = z.object({ product_id: idOf('prod') });
export const ProductRecommendationsQuery = z.strictObject({
  type: z.enum(['bought_together'], { error: 'must be bought_together' }).default('bought_together'),
  limit: queryInt(1, 20).default(10),
});
const knownCategory = z
  .string()
  .refine((slug) => findCategory(slug) !== undefined, 'must be a known category slug');

export const ShopperRecommendationsQuery = z.strictObject({
  limit: queryInt(1, 20).default(10),
  category: knownCategory.optional(),
});

export const BestSellersQuery = z.strictObject({
  /** A department includes its subcategories; none: the whole shop. */
  category: knownCategory.optional(),
  limit: queryInt(1, 50).default(10),
});

export const RecommendedProduct = z.object({
  product_id: z.string(),
  title: z.string(),
  category: z.string(),
  ...moneyOutput('price').shape,
  currency: z.string(),
  image: z.string().nullable(),
  score: z.number(),
  reason: z.enum(['bought_together', 'same_category', 'best_seller']),
});

export const ProductRecommendations = z.object({
  type: z.literal('bought_together'),
  items: z.array(RecommendedProduct),
});
export const ShopperRecommendations = z.object({
  basis: z.enum(['history', 'best_sellers']),
  items: z.array(RecommendedProduct),
});
export const ViewAccepted = z.object({ accepted: z.literal(true) });

export const BestSellers = z.object({
  category: z.string().nullable(),
  items: z.array(
    z.object({
      /** 1 is the best seller; units sold are not published. */
      rank: z.number().int(),
      product_id: z.string(),
      title: z.string(),
      category: z.string(),
      ...moneyOutput('price').shape,
      /** The "was" price when the product is on sale; both null otherwise. */
      ...nullableMoneyOutput('compare_at_price').shape,
      currency: z.string(),
      image: z.string().nullable(),
      rating: z.number(),
      review_count: z.number().int(),
    }),
  ),
});
