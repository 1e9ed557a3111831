import type { BusEvent } from '../../../shared/events';
import type { StockStatus } from '../../inventory/stock-records';
import { catalogDeps } from '../deps';

interface StockChanged {
  product_id: string;
  stock_status: StockStatus;
  version: number;
}

/** Rule target for inventory's StockChanged: keeps the product's badge and status true. */
export const handler = async (event: BusEvent<StockChanged>): Promise<void> => {
  const { product_id, stock_status, version } = event.detail;
  await catalogDeps().products.applyStock(product_id, stock_status, version);
};
