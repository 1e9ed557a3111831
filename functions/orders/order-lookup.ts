import { dynamo } from '../../shared/clients';
import { requireEnv } from '../../shared/config';
import { purchasedProducts as boughtProducts, isVerifiedPurchase } from './purchases';
import { orderRepository } from './repository';

/**
 * Other services' deps import these reads, so they reach the orders table directly and never
 * through ./deps, which imports other services' reads: that would close an import cycle
 * (orders → payments → orders).
 */
let orders: ReturnType<typeof orderRepository> | undefined;

function orderStore() {
  orders ??= orderRepository(dynamo(), requireEnv('ORDERS_TABLE_NAME'));
  return { orders };
}

/** The orders service's exported reads for payments (what to charge) and reviews (verified purchase). */
export async function chargeableOrder(orderId: string) {
  const order = await orderStore().orders.get(orderId);
  if (!order) return undefined;
  return {
    orderId: order.orderId,
    userId: order.userId,
    status: order.status,
    totalCents: order.totalCents,
    currency: order.currency,
    paymentMethodId: order.paymentMethod.paymentMethodId,
  };
}

/** Verified purchase: an order of the user's holding the product is paid, shipped or delivered now. */
export function hasPurchased(userId: string, productId: string): Promise<boolean> {
  return isVerifiedPurchase(userId, productId, orderStore());
}

/** Everything a user has bought (for recommendations, which never suggest it again). */
export function purchasedProducts(userId: string): Promise<Set<string>> {
  return boughtProducts(userId, orderStore());
}
