import type { SearchQuery } from '../search-index';
import type { DocumentTable } from './document-table';

/** Orders slots for the query's sort; every order ends on product_id so pages are stable. */
export function comparatorFor(
  table: DocumentTable,
  scores: Float64Array,
  query: SearchQuery,
  hasText: boolean,
): (a: number, b: number) => number {
  const { priceCents, rating, reviewCount, createdAt, productIds } = table;
  const byProductId = (a: number, b: number) => (productIds[a]! < productIds[b]! ? -1 : 1);
  switch (query.sort) {
    case 'price_asc':
      return (a, b) => priceCents[a]! - priceCents[b]! || byProductId(a, b);
    case 'price_desc':
      return (a, b) => priceCents[b]! - priceCents[a]! || byProductId(a, b);
    case 'rating':
      return (a, b) => rating[b]! - rating[a]! || reviewCount[b]! - reviewCount[a]! || byProductId(a, b);
    case 'newest':
      return (a, b) => createdAt[b]! - createdAt[a]! || byProductId(a, b);
    case 'relevance':
      // Browsing has no relevance to speak of: the newest products come first.
      if (!hasText) return (a, b) => createdAt[b]! - createdAt[a]! || byProductId(a, b);
      return (a, b) => scores[b]! - scores[a]! || byProductId(a, b);
  }
}
