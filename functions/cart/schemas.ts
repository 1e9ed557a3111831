import { z } from 'zod';
import { idOf } from '../../shared/schemas/common';

const quantity = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1; remove a line with DELETE');

export const AddItemBody = z.strictObject({ product_id: idOf('prod'), quantity });
export const UpdateItemBody = z.strictObject({ quantity });
export const ItemParams = z.object({ item_id: idOf('ci') });

export const CartLineView = z.object({
  item_id: z.string(),
  product_id: z.string(),
  title: z.string(),
  image_url: z.string().nullable(),
  quantity: z.number().int(),
  unit_price: z.number(),
  unit_price_cents: z.number().int(),
  price_when_added: z.number(),
  price_when_added_cents: z.number().int(),
  price_changed: z.boolean(),
  line_total: z.number(),
  line_total_cents: z.number().int(),
  currency: z.string(),
  availability: z.enum(['in_stock', 'low_stock', 'out_of_stock', 'insufficient_stock', 'unavailable']),
  available_quantity: z.number().int().nullable(),
  warning: z.string().nullable(),
  added_at: z.string(),
});

export const CartView = z.object({
  items: z.array(CartLineView),
  item_count: z.number().int(),
  subtotal: z.string(),
  subtotal_cents: z.number().int(),
  currency: z.string(),
});

export type CartLineViewType = z.input<typeof CartLineView>;
export type CartViewType = z.input<typeof CartView>;
