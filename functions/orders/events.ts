import { z } from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { OrderRecord } from './order';

const SOURCE = 'bazaar.orders';

/** What every order event says about the order, as it is after the change. */
const orderDetail = {
  order_id: z.string(),
  user_id: z.string(),
  status: z.enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'failed', 'refunded']),
  total_cents: z.number().int(),
  refunded_cents: z.number().int(),
  currency: z.string(),
  failure_reason: z.string().nullable(),
  seller_ids: z.array(z.string()),
  lines: z.array(
    z.object({
      product_id: z.string(),
      seller_id: z.string(),
      quantity: z.number().int().positive(),
      price_at_order_cents: z.number().int(),
    }),
  ),
};

export const OrderPlaced = defineEvent(SOURCE, 'OrderPlaced', orderDetail);
export const OrderPaid = defineEvent(SOURCE, 'OrderPaid', orderDetail);
export const OrderFailed = defineEvent(SOURCE, 'OrderFailed', orderDetail);
export const OrderCancelled = defineEvent(SOURCE, 'OrderCancelled', {
  ...orderDetail,
  /** The status the buyer cancelled from. */
  was: z.enum(['pending', 'paid']),
});
export const OrderShipped = defineEvent(SOURCE, 'OrderShipped', {
  ...orderDetail,
  shipment_id: z.string(),
  shipment_seller_id: z.string(),
  fully_shipped: z.boolean(),
});
export const OrderDelivered = defineEvent(SOURCE, 'OrderDelivered', orderDetail);
export const OrderRefunded = defineEvent(SOURCE, 'OrderRefunded', {
  ...orderDetail,
  amount_cents: z.number().int().positive(),
});

type OrderEventContract =
  | typeof OrderPlaced
  | typeof OrderPaid
  | typeof OrderFailed
  | typeof OrderCancelled
  | typeof OrderShipped
  | typeof OrderDelivered
  | typeof OrderRefunded;

/**
 * An order event, built through its schema. Its id is the order, the event and the order's
 * version after the change, so a redelivery is recognisably the same event to every consumer.
 * `extra` is the event's own fields (OrderShipped's shipment…), checked by its schema.
 */
export function orderEvent(
  contract: OrderEventContract,
  order: OrderRecord,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return (contract.build as (detail: Record<string, unknown>) => DomainEvent)({
    ...extra,
    eventId: orderEventId(contract.detailType, order.orderId, order.version),
    order_id: order.orderId,
    user_id: order.userId,
    status: order.status,
    version: order.version,
    total_cents: order.totalCents,
    refunded_cents: order.refundedCents,
    currency: order.currency,
    failure_reason: order.failureReason,
    seller_ids: [...new Set(order.lines.map((line) => line.sellerId))],
    lines: order.lines.map((line) => ({
      product_id: line.productId,
      seller_id: line.sellerId,
      quantity: line.quantity,
      price_at_order_cents: line.priceAtOrderCents,
    })),
  });
}

export function orderEventId(detailType: string, orderId: string, version: number): string {
  return `evt_${orderId.slice(4)}_${detailType}_v${version}`;
}
