import * as z from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { EntityChange } from '../../shared/outbox';

export const CartItemAdded = defineEvent(
  'bazaar.cart',
  'CartItemAdded',
  {
    user_id: z.string().nullable().describe('The shopper; null for an anonymous cart'),
    product_id: z.string(),
    quantity: z.number().int().positive().describe('The units this add put in (not the line’s total)'),
  },
  { description: 'A shopper put units of a product in a cart: a strong signal of interest' },
);

/**
 * CartItemAdded from a cart line's own image: an add (and only an add: not a quantity set or
 * a merge) raises the line's `add_version` and records what it added. The eventId is the
 * line (cart, product, when it was first added) and that version.
 */
export function cartEventsOf({ newImage, oldImage }: EntityChange): DomainEvent[] {
  if (newImage.type !== 'CART_ITEM' || newImage.add_version === undefined) return [];
  if (oldImage?.add_version === newImage.add_version) return [];
  const cartId = String(newImage.pk).slice('CART#'.length);
  const productId = newImage.product_id as string;
  const version = newImage.add_version as number;
  const lineId = `${cartId}_${productId}_${Date.parse(newImage.added_at as string)}`;
  return [
    CartItemAdded.build({
      eventId: `evt_cartadd_${lineId}_v${version}`,
      // Anonymous carts (and their lines) expire; a signed-in user's cart is keyed by the user.
      user_id: newImage.expires_at === undefined ? cartId : null,
      product_id: productId,
      quantity: newImage.added_quantity as number,
      version,
    }),
  ];
}
