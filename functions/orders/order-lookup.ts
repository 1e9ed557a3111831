import { orderStore } from './deps';
import { purchasedProducts as boughtProducts, isVerifiedPurchase } from './purchases';

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
