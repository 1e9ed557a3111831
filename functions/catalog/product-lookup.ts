import { fromCents } from '../../shared/money';
import { catalogDeps } from './deps';
import { isPublic, type ProductStatus, statusOf } from './product';

/** What another service may know about a product: the catalog's exported read. */
export interface ProductSummary {
  productId: string;
  sellerId: string;
  title: string;
  category: string;
  priceCents: number;
  price: number;
  /** The "was" price the seller shows; null when there is none. */
  compareAtPriceCents: number | null;
  currency: string;
  imageUrl: string | null;
  avgRating: number;
  reviewCount: number;
  status: ProductStatus;
  /** On sale to the public: active or out of stock, not a draft and not deleted. */
  listed: boolean;
}

/**
 * Products by id (missing ids are simply absent). Callers hold read access to the products
 * table for this, granted explicitly in their manifest entries.
 */
export async function lookupProducts(productIds: string[]): Promise<Map<string, ProductSummary>> {
  const products = await catalogDeps().products.getMany([...new Set(productIds)]);
  return new Map(
    products.map((product) => [
      product.productId,
      {
        productId: product.productId,
        sellerId: product.sellerId,
        title: product.title,
        category: product.category,
        priceCents: product.priceCents,
        price: fromCents(product.priceCents),
        compareAtPriceCents: product.compareAtPriceCents,
        currency: product.currency,
        imageUrl: product.images[0]?.url ?? null,
        avgRating: product.avgRating,
        reviewCount: product.reviewCount,
        status: statusOf(product),
        listed: isPublic(product),
      },
    ]),
  );
}
