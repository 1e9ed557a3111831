import { NO_RATINGS, type ProductRecord } from '../../functions/catalog/product';
import type { ProductStore } from '../../functions/catalog/store';
import { newStockRecordPut } from '../../functions/inventory/stock-records';
import { newId } from '../../shared/ids';

/** A published, in-stock product with no ratings, as the catalog stores it; override what the test is about. */
export function aProduct(overrides: Partial<ProductRecord> = {}): ProductRecord {
  const now = new Date().toISOString();
  return {
    productId: newId('prod'),
    sellerId: newId('usr'),
    title: 'Test Kettle',
    description: 'Boils water.',
    category: 'kitchen',
    priceCents: 1999,
    compareAtPriceCents: null,
    currency: 'USD',
    images: [],
    avgRating: 0,
    reviewCount: 0,
    ratingHistogram: NO_RATINGS,
    ratingVersion: 0,
    stockStatus: 'in_stock',
    stockVersion: 1,
    listing: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/**
 * Writes `product` with its stock record of `available` units, in one transaction as the
 * catalog creates a listing, and gives it back.
 */
export async function listProduct(
  products: ProductStore,
  inventoryTable: string,
  product: ProductRecord,
  available: number,
): Promise<ProductRecord> {
  await products.createWithStock(
    product,
    newStockRecordPut(inventoryTable, {
      productId: product.productId,
      sellerId: product.sellerId,
      available,
      now: product.createdAt,
    }),
  );
  return product;
}
