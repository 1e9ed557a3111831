import * as z from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { OrderRecord } from './order';

const SOURCE = 'bazaar.orders';

/** What every order event says about the order, as it is after the change. */
const orderDetail = {
  order_id: z.string(),
  user_id: z.string().describe('The buyer'),
  status: z
    .enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'failed', 'refunded'])
    .describe('The order’s status after the change'),
  total_cents: z.number().int(),
  refunded_cents: z.number().int().describe('Refunded so far, this event’s refund included'),
  currency: z.string(),
  failure_reason: z.string().nullable().describe('Why the order failed; null unless it did'),
  seller_ids: z.array(z.string()).describe('Every seller with a line in the order'),
  lines: z.array(
    z.object({
      product_id: z.string(),
      seller_id: z.string(),
      quantity: z.number().int().positive(),
      price_at_order_cents: z.number().int(),
    }),
  ),
};

export const OrderPlaced = defineEvent(SOURCE, 'OrderPlaced', orderDetail, {
  description: 'Checkout wrote a pending order (with its claim on the cart); its saga starts',
});
export const OrderPaid = defineEvent(SOURCE, 'OrderPaid', orderDetail, {
  description: 'The order was paid (settled by the saga, the reconciler or Stripe’s webhook)',
});
export const OrderFailed = defineEvent(SOURCE, 'OrderFailed', orderDetail, {
  description:
    'The order could not be completed (a decline, no stock, a payment timeout); the buyer keeps the cart',
});
export const OrderCancelled = defineEvent(
  SOURCE,
  'OrderCancelled',
  { ...orderDetail, was: z.enum(['pending', 'paid']).describe('The status the buyer cancelled from') },
  { description: 'The buyer cancelled the order before anything shipped' },
);
export const OrderShipped = defineEvent(
  SOURCE,
  'OrderShipped',
  {
    ...orderDetail,
    shipment_id: z.string(),
    shipment_seller_id: z.string().describe('The seller whose lines this shipment carries'),
    fully_shipped: z.boolean().describe('Whether every seller’s lines have now shipped'),
  },
  { description: 'A seller shipped their lines of the order' },
);
export const OrderDelivered = defineEvent(SOURCE, 'OrderDelivered', orderDetail, {
  description: 'Every line shipped and every shipment arrived (its seller or the carrier’s webhook said so)',
});
export const OrderRefunded = defineEvent(
  SOURCE,
  'OrderRefunded',
  { ...orderDetail, amount_cents: z.number().int().positive().describe('What this refund gave back') },
  { description: 'Money went back to the buyer (a cancellation or a return)' },
);

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
