import * as z from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { EntityChange } from '../../shared/outbox';

/** One product bought with another, and how often (paid orders holding both). */
export const Partner = z.object({
  product_id: z.string().describe('The product bought together with this one'),
  score: z.number().describe('How many paid orders held both'),
});

export const BoughtTogetherChanged = defineEvent(
  'bazaar.recommendations',
  'BoughtTogetherChanged',
  {
    product_id: z.string(),
    partners: z
      .array(Partner)
      .describe('The top co-purchase partners, best first (at most 13): the whole list, never a delta'),
  },
  {
    description:
      'A product’s top co-purchase partners changed: the ranked list as a snapshot with its version; consumers keep the newest',
  },
);

/**
 * The recommendations table's own images announce its events: a product's published top
 * partners (the `TOP_PARTNERS` item, rewritten only when the ranking changes) carry
 * BoughtTogetherChanged with the item's version.
 */
export function recommendationEventsOf({ newImage, oldImage }: EntityChange): DomainEvent[] {
  if (newImage.type !== 'TOP_PARTNERS' || oldImage?.version === newImage.version) return [];
  const productId = newImage.product_id as string;
  const version = newImage.version as number;
  return [
    BoughtTogetherChanged.build({
      eventId: `evt_together_${productId}_v${version}`,
      product_id: productId,
      partners: newImage.partners as Array<{ product_id: string; score: number }>,
      version,
    }),
  ];
}
