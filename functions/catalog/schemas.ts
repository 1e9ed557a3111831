import * as z from 'zod';
import {
  cursorParam,
  idOf,
  moneyInput,
  moneyOutput,
  nullableMoneyOutput,
  queryInt,
  text,
} from '../../shared/schemas/common';
import { RecommendedProduct } from '../recommendations/schemas';
import { RatingSummary } from '../reviews/schemas';
import { CATEGORY_SLUGS, findCategory } from './categories';

const categorySlug = z.string().refine((slug) => findCategory(slug) !== undefined, {
  message: `must be a known category slug (GET /api/v1/categories), e.g. ${CATEGORY_SLUGS.slice(0, 3).join(', ')}`,
});

const imageRef = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine((value) => /^img_[A-Za-z0-9_-]{1,64}$/.test(value) || isHttpsUrl(value), {
    message: 'must be an image id (img_…) or an https URL',
  });

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const description = z.string().trim().max(5000, 'must be at most 5000 characters');
const images = z.array(imageRef).max(10, 'must list at most 10 images');
const sellerStatus = z.enum(['active', 'draft']);

export const CreateProductBody = z
  .strictObject({
    title: text(300),
    description: description.default(''),
    price: moneyInput({ positive: true }),
    compare_at_price: moneyInput({ positive: true }).optional(),
    category: categorySlug,
    stock: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(1_000_000, 'must be at most 1000000'),
    images: images.default([]),
    status: sellerStatus.default('active'),
  })
  .superRefine((body, ctx) => {
    if (body.compare_at_price !== undefined && body.compare_at_price <= body.price) {
      ctx.addIssue({ code: 'custom', path: ['compare_at_price'], message: 'must be greater than price' });
    }
  });

export const UpdateProductBody = z
  .strictObject({
    title: text(300).optional(),
    description: description.optional(),
    price: moneyInput({ positive: true }).optional(),
    compare_at_price: moneyInput({ positive: true }).nullable().optional(),
    category: categorySlug.optional(),
    images: images.optional(),
    status: sellerStatus.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');

export const ProductParams = z.object({ product_id: idOf('prod') });

export const SellerProductsQuery = z.strictObject({
  status: z.enum(['active', 'draft', 'out_of_stock', 'deleted']).optional(),
  limit: queryInt(1, 100).default(20),
  cursor: cursorParam.optional(),
});

export const Image = z.object({ image_id: z.string(), url: z.string() });

export const Product = z.object({
  product_id: z.string(),
  seller_id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  ...moneyOutput('price').shape,
  ...nullableMoneyOutput('compare_at_price').shape,
  on_sale: z.boolean(),
  currency: z.string(),
  images: z.array(Image),
  avg_rating: z.number(),
  review_count: z.number().int(),
  stock_status: z.enum(['in_stock', 'low_stock', 'out_of_stock']),
  status: z.enum(['active', 'draft', 'out_of_stock', 'deleted']),
  created_at: z.string(),
  updated_at: z.string(),
});

export interface CategoryNode {
  slug: string;
  name: string;
  parent: string | null;
  children: CategoryNode[];
}
export const CategoryNodeSchema: z.ZodType<CategoryNode> = z.lazy(() =>
  z.object({
    slug: z.string(),
    name: z.string(),
    parent: z.string().nullable(),
    children: z.array(CategoryNodeSchema),
  }),
);
export const CategoriesResponse = z.object({ categories: z.array(CategoryNodeSchema) });

export type CreateProductInput = z.output<typeof CreateProductBody>;
export type UpdateProductInput = z.output<typeof UpdateProductBody>;
export type ProductView = z.input<typeof Product>;

/** The public product page: the product, with the optional parts when their features are on. */
export const ProductPageView = Product.extend({
  reviews: RatingSummary.optional(),
  frequently_bought_together: z.array(RecommendedProduct).optional(),
});
