import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { OrderPaid } from '../../orders/events';
import { recommendationsDeps } from '../deps';
import { countOrder } from '../service';

/** Rule target for OrderPaid: co-purchase and best-seller counts, once per order however often it arrives. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { order_id, lines } = OrderPaid.parse(event);
  return countOrder(order_id, lines, recommendationsDeps());
});
