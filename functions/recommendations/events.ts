import { z } from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { EntityChange } from '../../shared/outbox';

/** One product bought with another, and how often (paid orders holding both). */
export const Partner = z.object({ product_id: z.string(), score: z.number() });

/**
 * A product's top co-purchase partners changed: the whole ranked list (best first) as a
 * snapshot with its version, so a consumer keeps the newest and never merges.
 */
export const BoughtTogetherChanged = defineEvent('bazaar.recommendations', 'BoughtTogetherChanged', {
  product_id: z.string(),
  partners: z.array(Partner),
});

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
