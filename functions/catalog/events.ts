import * as z from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { EntityChange } from '../../shared/outbox';

export const ProductChanged = defineEvent(
  'bazaar.catalog',
  'ProductChanged',
  {
    product_id: z.string(),
    seller_id: z.string(),
    status: z.enum(['active', 'draft', 'out_of_stock', 'deleted']),
    title: z.string(),
    category: z.string().describe('The category’s slug'),
    price_cents: z.number().int(),
    currency: z.string(),
  },
  { description: 'A seller changed a product (created, edited, drafted, deleted): its version grew' },
);

/**
 * ProductChanged from the products table's own image. Only the product's own version counts:
 * the stock badge and rating that events write into the item (their own versions) are not a
 * change of the product, so they announce nothing and never echo back.
 */
export function productEventsOf({ newImage, oldImage }: EntityChange): DomainEvent[] {
  if (newImage.type !== 'PRODUCT' || oldImage?.version === newImage.version) return [];
  const productId = newImage.product_id as string;
  const version = newImage.version as number;
  return [
    ProductChanged.build({
      eventId: `evt_product_${productId}_v${version}`,
      product_id: productId,
      seller_id: newImage.seller_id as string,
      status: newImage.status as 'active' | 'draft' | 'out_of_stock' | 'deleted',
      title: newImage.title as string,
      category: newImage.category as string,
      price_cents: newImage.price_cents as number,
      currency: newImage.currency as string,
      version,
    }),
  ];
}
