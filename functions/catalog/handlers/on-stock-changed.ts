import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { StockChanged } from '../../inventory/events';
import { catalogDeps } from '../deps';
import { refreshPartnerPages } from '../product-page';

/**
 * Rule target for inventory's StockChanged: keeps the product's badge and status true, newest
 * version only, and the copies of it on the pages that list it as bought together.
 */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>): Promise<void> => {
  const { product_id, stock_status, version } = StockChanged.parse(event);
  const deps = catalogDeps();
  await deps.products.applyStock(product_id, stock_status, version);
  await refreshPartnerPages(product_id, deps);
});
