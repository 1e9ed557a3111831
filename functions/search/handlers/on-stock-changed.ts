import type { BusEvent } from '../../../shared/events';
import { searchIndex } from '../index-factory';
import type { StockStatus } from '../search-index';

/** Rule target for StockChanged: the in-stock filter follows within seconds; older versions are ignored. */
export const handler = async (
  event: BusEvent<{ product_id: string; stock_status: StockStatus; version: number }>,
) => {
  await searchIndex().applyStock(event.detail.product_id, event.detail.stock_status, event.detail.version);
};
