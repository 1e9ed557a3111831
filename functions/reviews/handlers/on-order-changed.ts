import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { reviewsDeps } from '../deps';
import { refreshVerifiedPurchases } from '../service';

interface OrderChanged {
  user_id: string;
  lines: Array<{ product_id: string }>;
}

/** Rule target for OrderPaid, OrderCancelled and OrderRefunded: review badges follow the order. */
export const handler = eventRuleHandler(async (event: BusEvent<OrderChanged>): Promise<void> => {
  await refreshVerifiedPurchases(
    event.detail.user_id,
    event.detail.lines.map((line) => line.product_id),
    reviewsDeps(),
  );
});
