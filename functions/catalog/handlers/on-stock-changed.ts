import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { StockChanged } from '../../inventory/events';
import { catalogDeps } from '../deps';

/** Rule target for inventory's StockChanged: keeps the product's badge and status true, newest version only. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>): Promise<void> => {
  const { product_id, stock_status, version } = StockChanged.parse(event);
  await catalogDeps().products.applyStock(product_id, stock_status, version);
});
