import type { TransactItem } from '../../shared/guarded-transaction';

/** Below this many available units a product shows `low_stock` unless its seller sets another threshold. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

export const stockKey = (productId: string) => ({ pk: `STOCK#${productId}`, sk: 'STOCK' });

/** The badge a shopper sees for a number of available units. */
export function stockStatusOf(
  available: number,
  lowStockThreshold = DEFAULT_LOW_STOCK_THRESHOLD,
): StockStatus {
  if (available <= 0) return 'out_of_stock';
  return available <= lowStockThreshold ? 'low_stock' : 'in_stock';
}

/**
 * Inventory's exported builder for a new product's stock record: the catalog puts it in the
 * same TransactWriteItems as the product (the one sanctioned cross-table write), so a
 * product never exists without its stock, nor stock without its product.
 */
export function newStockRecordPut(
  tableName: string,
  stock: { productId: string; sellerId: string; available: number; now: string },
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...stockKey(stock.productId),
        type: 'STOCK',
        product_id: stock.productId,
        seller_id: stock.sellerId,
        available: stock.available,
        // The opening balance the stock movements start from (the audit re-adds them to it).
        opening_available: stock.available,
        reserved: 0,
        sold: 0,
        version: 1,
        low_stock_threshold: DEFAULT_LOW_STOCK_THRESHOLD,
        updated_at: stock.now,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
