import type { StockStatus } from '../inventory/stock-records';
import type { RatingHistogramType } from '../reviews/events';

export type ListingStatus = 'active' | 'draft' | 'deleted';
export type ProductStatus = 'active' | 'draft' | 'out_of_stock' | 'deleted';

export interface ProductImage {
  image_id: string;
  url: string;
}

/** A product as the catalog keeps it. Money is integer cents. */
export interface ProductRecord {
  productId: string;
  sellerId: string;
  title: string;
  description: string;
  category: string;
  priceCents: number;
  compareAtPriceCents: number | null;
  currency: string;
  images: ProductImage[];
  avgRating: number;
  reviewCount: number;
  /** Reviews per star, from the same RatingChanged snapshot as the average and count. */
  ratingHistogram: RatingHistogramType;
  ratingVersion: number;
  stockStatus: StockStatus;
  stockVersion: number;
  /** What the seller chose; `status` adds what stock says. */
  listing: ListingStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The status shoppers and the search index see: the seller's choice, overruled by an empty shelf. */
export function statusOf(product: Pick<ProductRecord, 'listing' | 'stockStatus'>): ProductStatus {
  if (product.listing !== 'active') return product.listing;
  return product.stockStatus === 'out_of_stock' ? 'out_of_stock' : 'active';
}

/** Drafts and deleted products are invisible to the public. */
export function isPublic(product: Pick<ProductRecord, 'listing'>): boolean {
  return product.listing === 'active';
}

export const NO_RATINGS: RatingHistogramType = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
