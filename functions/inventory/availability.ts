import { inventoryDeps } from './deps';
import { getAvailability } from './service';
import type { StockStatus } from './stock-records';

/** Inventory's exported read: units available now per product (a display hint, not a hold). */
export function availabilityOf(
  productIds: string[],
): Promise<Map<string, { available: number; stockStatus: StockStatus }>> {
  return getAvailability([...new Set(productIds)], inventoryDeps());
}
