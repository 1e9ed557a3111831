import type { OrderStatus } from './order';
import type { OrdersDeps } from './service';

/** Statuses in which the buyer has the goods or is getting them: what "verified purchase" means. */
const PURCHASED: ReadonlySet<OrderStatus> = new Set(['paid', 'shipped', 'delivered']);

/**
 * Whether the user bought the product: an order of theirs that holds it is paid, shipped or
 * delivered now. Decided from the order's status when asked, so nothing is marked before the
 * payment is known, and a cancelled, failed or fully refunded order never counts.
 */
export async function isVerifiedPurchase(
  userId: string,
  productId: string,
  deps: Pick<OrdersDeps, 'orders'>,
): Promise<boolean> {
  for (const orderId of await deps.orders.ordersWithProduct(userId, productId)) {
    const order = await deps.orders.get(orderId);
    if (order?.userId === userId && PURCHASED.has(order.status)) return true;
  }
  return false;
}

/** Every product the user has bought (orders paid, shipped or delivered). */
export async function purchasedProducts(
  userId: string,
  deps: Pick<OrdersDeps, 'orders'>,
): Promise<Set<string>> {
  const entries = await deps.orders.orderedProducts(userId);
  const orderIds = [...new Set(entries.map((entry) => entry.orderId))];
  const bought = new Set<string>();
  for (let start = 0; start < orderIds.length; start += 25) {
    const orders = await Promise.all(orderIds.slice(start, start + 25).map((id) => deps.orders.get(id)));
    for (const order of orders) if (order && PURCHASED.has(order.status)) bought.add(order.orderId);
  }
  return new Set(entries.filter((entry) => bought.has(entry.orderId)).map((entry) => entry.productId));
}
