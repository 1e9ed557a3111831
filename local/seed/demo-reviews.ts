import type { ReviewRecord } from '../../functions/reviews/store';
import type { GeneratedProduct } from './catalog-generator';

/** Shoppers who wrote the demo reviews (one review each per product, as the service allows). */
export const DEMO_REVIEWERS = [
  { email: 'ada.reviews@bazaar.example', name: 'Ada Lovelace' },
  { email: 'ben.reviews@bazaar.example', name: 'Ben Okafor' },
  { email: 'chloe.reviews@bazaar.example', name: 'Chloé Martin' },
  { email: 'dev.reviews@bazaar.example', name: 'Dev Patel' },
  { email: 'eun.reviews@bazaar.example', name: 'Eun-ji Kim' },
];

/** One product in this many carries reviews: enough to browse, few enough to seed quickly. */
const REVIEWED_ONE_IN = 6;

const WORDS: Record<number, Array<[string, string]>> = {
  1: [['Disappointed', 'Stopped working within a week and support never answered.']],
  2: [['Not great', 'Does the job, barely. The finish feels cheap for the price.']],
  3: [['It is fine', 'Nothing special, nothing wrong. Arrived on time.']],
  4: [
    ['Good value', 'Works well and looks better than in the photos. Would buy again.'],
    ['Solid', 'A couple of small niggles, but I use it every day.'],
  ],
  5: [
    ['Love it', 'Exactly as described, well made, and quick delivery.'],
    ['Excellent', 'Best purchase this year. Recommended to my whole family.'],
  ],
};

/**
 * Real reviews for a demo product, from the demo reviewers, so the count and average the page
 * shows are those of reviews one can list. Deterministic: the product's index and its
 * generated rating decide them. Most products have none.
 */
export function demoReviews(
  index: number,
  productId: string,
  generated: GeneratedProduct,
  reviewerIds: string[],
): ReviewRecord[] {
  if (generated.review_count === 0 || index % REVIEWED_ONE_IN !== 0) return [];
  const count = 1 + ((index / REVIEWED_ONE_IN) % reviewerIds.length);
  const offsets = [0, 1, -1, 0, -2];
  return reviewerIds.slice(0, count).map((userId, i) => {
    const rating = Math.min(5, Math.max(1, Math.round(generated.avg_rating + offsets[(index + i) % 5]!)));
    const choices = WORDS[rating]!;
    const [title, body] = choices[(index + i) % choices.length]!;
    // A day apart each, after the product was listed.
    const at = new Date(Date.parse(generated.created_at) + (i + 1) * 86_400_000).toISOString();
    return {
      reviewId: `rev_SEED${String(index).padStart(18, '0')}${i}`,
      productId,
      userId,
      authorName: DEMO_REVIEWERS[i]!.name,
      rating,
      title,
      body,
      verifiedPurchase: false,
      helpfulCount: 0,
      createdAt: at,
      updatedAt: at,
    };
  });
}
