export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'failed' | 'refunded';

/**
 * DESIGN.md's order-state graph, in one place: every status change is checked here, and
 * anything else is INVALID_ORDER_STATE.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'failed', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['refunded'],
  cancelled: [],
  failed: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export interface OrderLine {
  productId: string;
  sellerId: string;
  title: string;
  imageUrl: string | null;
  quantity: number;
  /** The price snapshot taken at checkout; later price changes never touch it. */
  priceAtOrderCents: number;
}

export interface AddressSnapshot {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

export interface PaymentMethodSnapshot {
  paymentMethodId: string;
  type: 'card' | 'wallet';
  brand: string | null;
  last4: string | null;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  note?: string;
}

export interface OrderRecord {
  orderId: string;
  userId: string;
  status: OrderStatus;
  version: number;
  lines: OrderLine[];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  refundedCents: number;
  currency: string;
  shippingAddressId: string;
  shippingAddress: AddressSnapshot;
  paymentMethod: PaymentMethodSnapshot;
  failureReason: string | null;
  estimatedDelivery: string;
  orderedAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
}

/** DESIGN.md's rule: $4.99, free from a $35.00 subtotal. No tax yet. */
export function shippingFor(subtotalCents: number): number {
  return subtotalCents >= 3500 ? 0 : 499;
}

/** Order date + 5 days, as a calendar date. */
export function estimatedDeliveryFrom(orderedAt: Date, days = 5): string {
  return new Date(orderedAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
