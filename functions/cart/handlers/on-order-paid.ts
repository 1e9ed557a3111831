import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { OrderPaid } from '../../orders/events';
import { cartDeps } from '../deps';
import { removeOrderedItems } from '../service';

/** Rule target for OrderPaid: the bought quantities leave the buyer's cart, once per order. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>): Promise<void> => {
  const { order_id, user_id, lines } = OrderPaid.parse(event);
  await removeOrderedItems(
    user_id,
    order_id,
    lines.map((line) => ({ productId: line.product_id, quantity: line.quantity })),
    cartDeps(),
  );
});
