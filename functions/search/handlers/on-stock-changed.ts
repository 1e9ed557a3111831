import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { StockChanged } from '../../inventory/events';
import { searchIndex } from '../index-factory';

/** Rule target for StockChanged: the in-stock filter follows within seconds; older versions are ignored. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { product_id, stock_status, version } = StockChanged.parse(event);
  await searchIndex().applyStock(product_id, stock_status, version);
});
