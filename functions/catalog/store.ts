import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StockStatus } from '../inventory/stock-records';
import type { ProductRecord, ProductStatus } from './product';

/** Inventory's stock record, written in the product's own transaction (see newStockRecordPut). */
type StockRecordPut = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * What the catalog domain needs from storage; the product's shape and rules are in product.ts.
 * The DynamoDB adapter (repository.ts) is the one implementation.
 */
export interface ProductStore {
  /** The product and the stock record inventory built for it, both or neither. */
  createWithStock(product: ProductRecord, stockRecordPut: StockRecordPut): Promise<void>;
  get(productId: string): Promise<ProductRecord | undefined>;
  /** ProductVersionConflictError when the product changed since `expectedVersion`. */
  save(product: ProductRecord, expectedVersion: number): Promise<void>;
  listBySeller(
    sellerId: string,
    options: { limit: number; cursor?: string; status?: string },
  ): Promise<{ items: ProductRecord[]; nextCursor: string | null }>;
  /** Applies a stock status newer than the one held; false for a stale one. */
  applyStock(productId: string, stockStatus: StockStatus, stockVersion: number): Promise<boolean>;
  /** Applies a rating summary (sum, count, histogram) newer than the one held; false for a stale one. */
  applyRating(
    productId: string,
    rating: { sum: number; count: number; histogram: ProductRecord['ratingHistogram'] },
    ratingVersion: number,
  ): Promise<boolean>;
  getMany(productIds: string[]): Promise<ProductRecord[]>;
}

/**
 * The product page record: the product and its bought-together partners in one read, the
 * partners kept by events (page-repository.ts is the DynamoDB adapter).
 */
export interface ProductPageStore {
  /** The whole page in one request; undefined when there is no such product. */
  get(productId: string): Promise<ProductPageRecord | undefined>;
  /** Replaces the partners with a newer published list; false for a stale one. */
  replacePartners(
    productId: string,
    partners: Array<{ score: number; product: PartnerSnapshot }>,
    version: number,
  ): Promise<boolean>;
  /** The pages that copy a product as a partner. */
  pagesListing(partnerId: string): Promise<string[]>;
  /** Copies a partner's snapshot into a page if it is newer than the copy held. */
  copyPartner(pageId: string, partner: PartnerSnapshot): Promise<boolean>;
}

/** A partner as the page shows it, with the versions of the product snapshot it was copied from. */
export interface PartnerSnapshot {
  productId: string;
  title: string;
  category: string;
  priceCents: number;
  currency: string;
  imageUrl: string | null;
  status: ProductStatus;
  /** The partner's own version and stock version: a copy is replaced only by a newer one. */
  version: number;
  stockVersion: number;
}

export interface PagePartner {
  score: number;
  product: PartnerSnapshot;
}

/** The product page record: the product item and its bought-together sibling, in one read. */
export interface ProductPageRecord {
  product: ProductRecord;
  /** Best first, every partner recommendations published; the page filters what is not on sale. */
  boughtTogether: PagePartner[];
}
