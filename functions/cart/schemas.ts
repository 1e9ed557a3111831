import * as z from 'zod';
import { formattedMoneyOutput, idOf, moneyOutput } from '../../shared/schemas/common';

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
  ...moneyOutput('unit_price').shape,
  ...moneyOutput('price_when_added').shape,
  price_changed: z.boolean(),
  ...moneyOutput('line_total').shape,
  currency: z.string(),
  availability: z.enum(['in_stock', 'low_stock', 'out_of_stock', 'insufficient_stock', 'unavailable']),
  available_quantity: z.number().int().nullable(),
  warning: z.string().nullable(),
  added_at: z.string(),
});

export const CartView = z.object({
  items: z.array(CartLineView),
  item_count: z.number().int(),
  ...formattedMoneyOutput('subtotal').shape,
  currency: z.string(),
});

export type CartLineViewType = z.input<typeof CartLineView>;
export type CartViewType = z.input<typeof CartView>;
