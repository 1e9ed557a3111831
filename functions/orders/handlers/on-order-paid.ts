import type { BusEvent } from '../../../shared/events';
import { orderStore } from '../deps';

/** Rule target for OrderPaid: remembers who bought what (the reviews' verified-purchase badge). */
export const handler = async (
  event: BusEvent<{ order_id: string; user_id: string; lines: Array<{ product_id: string }> }>,
) => {
  const { order_id, user_id, lines } = event.detail;
  await orderStore().orders.markPurchased(
    user_id,
    order_id,
    lines.map((line) => line.product_id),
    event.time,
  );
};
