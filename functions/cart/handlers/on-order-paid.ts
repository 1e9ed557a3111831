import type { BusEvent } from '../../../shared/events';
import { cartDeps } from '../deps';
import { removeOrderedItems } from '../service';

interface OrderPaid {
  order_id: string;
  user_id: string;
  lines: Array<{ product_id: string; quantity: number }>;
}

/** Rule target for OrderPaid: the bought quantities leave the buyer's cart, once per order. */
export const handler = async (event: BusEvent<OrderPaid>): Promise<void> => {
  const { order_id, user_id, lines } = event.detail;
  await removeOrderedItems(
    user_id,
    order_id,
    lines.map((line) => ({ productId: line.product_id, quantity: line.quantity })),
    cartDeps(),
  );
};
