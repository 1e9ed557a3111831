import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StockStatus } from '../inventory/stock-records';
import type { ProductRecord } from './product';

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
  /** Applies a rating newer than the one held; false for a stale one. */
  applyRating(
    productId: string,
    ratingSum: number,
    ratingCount: number,
    ratingVersion: number,
  ): Promise<boolean>;
  getMany(productIds: string[]): Promise<ProductRecord[]>;
}
