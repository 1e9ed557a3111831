import type { PostalAddress } from '../../shared/address';
export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'failed' | 'refunded';

/**
 * The order-state graph (docs/architecture.md, Order states), in one place: every status change is checked here, and
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

export interface ShipmentItem {
  productId: string;
  quantity: number;
}

/** One seller's parcel: an order with several sellers ships per seller. */
export interface Shipment {
  shipmentId: string;
  sellerId: string;
  carrier: string;
  trackingNumber: string;
  items: ShipmentItem[];
  shippedAt: string;
  deliveredAt: string | null;
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
  shippingAddress: PostalAddress;
  paymentMethod: PaymentMethodSnapshot;
  failureReason: string | null;
  estimatedDelivery: string;
  orderedAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  shipments: Shipment[];
  /** Units returned per product (accepted returns), so no line is refunded twice. */
  returnedQuantities: Record<string, number>;
  returns: ReturnSummary[];
  deliveredAt: string | null;
}

/** A buyer's return of one seller's lines; accepted by that seller, refunded once. */
export interface ReturnSummary {
  returnId: string;
  sellerId: string;
  items: ShipmentItem[];
  reason: string;
  status: 'requested' | 'accepted';
  amountCents: number;
  resellable: boolean | null;
  createdAt: string;
  acceptedAt: string | null;
}

/** Units of a product shipped so far. */
export function shippedQuantity(order: Pick<OrderRecord, 'shipments'>, productId: string): number {
  return order.shipments.reduce(
    (total, shipment) =>
      total +
      shipment.items
        .filter((item) => item.productId === productId)
        .reduce((sum, item) => sum + item.quantity, 0),
    0,
  );
}

export function isFullyShipped(order: Pick<OrderRecord, 'shipments' | 'lines'>): boolean {
  return order.lines.every((line) => shippedQuantity(order, line.productId) >= line.quantity);
}

/** Shipping: $4.99, free from a $35.00 subtotal (docs/architecture.md). No tax yet. */
export function shippingFor(subtotalCents: number): number {
  return subtotalCents >= 3500 ? 0 : 499;
}

/** Order date + 5 days, as a calendar date. */
export function estimatedDeliveryFrom(orderedAt: Date, days = 5): string {
  return new Date(orderedAt.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
