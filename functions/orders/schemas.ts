import * as z from 'zod';
import {
  cursorParam,
  formattedMoneyOutput,
  idOf,
  moneyOutput,
  postalAddressOutput,
  queryInt,
  text,
} from '../../shared/schemas/common';

export const CheckoutBody = z.strictObject({
  shipping_address_id: idOf('addr'),
  payment_method_id: idOf('pm'),
});

const OrderStatusSchema = z.enum([
  'pending',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'failed',
  'refunded',
]);

/** A new order is `pending`; a repeated checkout of a cart already converted answers that order as it is now. */
export const CheckoutResponse = z.object({
  order_id: z.string(),
  status: OrderStatusSchema,
  ...formattedMoneyOutput('total').shape,
  currency: z.string(),
  estimated_delivery: z.string(),
});

export const OrderParams = z.object({ order_id: idOf('ord') });
export const ListOrdersQuery = z.strictObject({
  limit: queryInt(1, 50).default(20),
  cursor: cursorParam.optional(),
});

export const OrderLineView = z.object({
  product_id: z.string(),
  seller_id: z.string(),
  title: z.string(),
  image_url: z.string().nullable(),
  quantity: z.number().int(),
  ...moneyOutput('price_at_order').shape,
  ...moneyOutput('line_total').shape,
});

export const OrderView = z.object({
  order_id: z.string(),
  user_id: z.string(),
  status: OrderStatusSchema,
  lines: z.array(OrderLineView),
  ...formattedMoneyOutput('subtotal').shape,
  ...formattedMoneyOutput('shipping').shape,
  ...formattedMoneyOutput('total').shape,
  refunded_cents: z.number().int(),
  currency: z.string(),
  shipping_address: postalAddressOutput,
  payment_method: z.object({
    payment_method_id: z.string(),
    type: z.enum(['card', 'wallet']),
    brand: z.string().nullable(),
    last4: z.string().nullable(),
  }),
  failure_reason: z.string().nullable(),
  estimated_delivery: z.string(),
  ordered_at: z.string(),
  updated_at: z.string(),
  timeline: z.array(z.object({ status: OrderStatusSchema, at: z.string(), note: z.string().optional() })),
  shipments: z.array(
    z.object({
      shipment_id: z.string(),
      seller_id: z.string(),
      carrier: z.string(),
      tracking_number: z.string(),
      items: z.array(z.object({ product_id: z.string(), quantity: z.number().int() })),
      shipped_at: z.string(),
      delivered_at: z.string().nullable(),
    }),
  ),
  delivered_at: z.string().nullable(),
});

export const OrderSummaryView = OrderView.pick({
  order_id: true,
  status: true,
  total: true,
  total_cents: true,
  currency: true,
  estimated_delivery: true,
  ordered_at: true,
  failure_reason: true,
}).extend({ item_count: z.number().int() });

export type CheckoutInput = z.output<typeof CheckoutBody>;
export type CheckoutResult = z.input<typeof CheckoutResponse>;
export type OrderViewType = z.input<typeof OrderView>;

const itemsSchema = z
  .array(
    z.strictObject({
      product_id: idOf('prod'),
      quantity: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    }),
  )
  .min(1, 'must list at least one item')
  .max(50, 'must list at most 50 items');

export const ShipBody = z.strictObject({
  carrier: text(50),
  tracking_number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4 to 40 letters, digits or dashes'),
  items: itemsSchema.optional(),
});

export const ReturnBody = z.strictObject({ items: itemsSchema, reason: text(500) });
export const AcceptReturnBody = z.strictObject({ resellable: z.boolean() });
export const ReturnParams = z.object({ return_id: idOf('ret') });
export const SellerOrdersQuery = z.strictObject({
  status: OrderStatusSchema.optional(),
  limit: queryInt(1, 50).default(20),
  cursor: cursorParam.optional(),
});

const ReturnStatusSchema = z.enum(['requested', 'accepted']);

export const SellerReturnsQuery = z.strictObject({
  status: ReturnStatusSchema.optional(),
  limit: queryInt(1, 50).default(20),
  cursor: cursorParam.optional(),
});

export const ReturnView = z.object({
  return_id: z.string(),
  order_id: z.string(),
  seller_id: z.string(),
  items: z.array(z.object({ product_id: z.string(), quantity: z.number().int() })),
  reason: z.string(),
  status: ReturnStatusSchema,
  ...moneyOutput('amount').shape,
  /** Whether the seller put the units back on sale; null until accepted. */
  resellable: z.boolean().nullable(),
  created_at: z.string(),
  accepted_at: z.string().nullable(),
});

export const SellerOrderView = z.object({
  order_id: z.string(),
  status: OrderStatusSchema,
  ordered_at: z.string(),
  shipping_address: OrderView.shape.shipping_address,
  lines: z.array(OrderLineView),
  shipments: OrderView.shape.shipments,
});
