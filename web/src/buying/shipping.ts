/**
 * The shipping an order of this subtotal pays, as checkout will charge it: free from $35, else
 * $4.99 (functions/orders/order.ts, `shippingFor`; a unit test keeps the two equal). Shown
 * before the order is placed; the order itself carries what was charged.
 */
export const FREE_SHIPPING_FROM_CENTS = 3500;
const SHIPPING_CENTS = 499;

export function shippingEstimateCents(subtotalCents: number): number {
  return subtotalCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
}
