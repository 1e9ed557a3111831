import { isOnSale } from '../../shared/money';
/**
 * The search service's port: one interface, two adapters. Locally (and in tests) the embedded
 * engine in `./embedded` serves it from memory; on AWS the OpenSearch adapter in `./opensearch`
 * does. Both pass the same behaviour suite (test/unit/search/search-behaviour.ts), so the rules
 * below are the contract, not a description of one implementation.
 *
 * Rules both adapters follow:
 * - Text: title and description are tokenized by {@link tokenize} (./analysis.ts); title matches
 *   weigh 3× description matches. A query term of 4–7 characters tolerates one typo, ≥ 8 two.
 *   With one or two terms every term must match; with more, up to a quarter may be missing
 *   (OpenSearch's `minimum_should_match: "2<-25%"`). When that finds nothing, the query is
 *   retried with any single term matching, ranked by how many terms match.
 * - Empty `q` browses: `relevance` then means newest first.
 * - Filters: `category` covers the slug and its descendants; prices are inclusive cents;
 *   `min_rating` is inclusive; `in_stock` keeps everything that is not `out_of_stock`;
 *   `on_sale` keeps products whose compare-at price is above their price ({@link documentOnSale}).
 *   `in_stock: false` and `on_sale: false` filter nothing, as if absent.
 * - Facets are counted over the filtered result set, category filter included (they drill down).
 *   A product counts for its own category and for its department, so a department's count
 *   includes its subcategories'.
 * - Every sort ends with `product_id` ascending, so pages neither repeat nor skip.
 * - Versions: a product upsert applies only when its `version` is newer than the held one; its
 *   stock fields only when `stock_version` is newer, its rating fields only when `rating_version`
 *   is; stock or rating events for a product not indexed yet are kept and merged when it arrives.
 * - Removes are versioned too: a remove at version N applies unless the held version is newer,
 *   and leaves a tombstone holding N, so an upsert of version N or older arriving late (a stream
 *   retry, a redelivery, a reindex racing the stream) cannot bring the product back. Only a
 *   newer version does. There is no unversioned remove: it would forget what it removed.
 */

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

export const STOCK_STATUSES = [
  'in_stock',
  'low_stock',
  'out_of_stock',
] as const satisfies readonly StockStatus[];

export interface SearchDocument {
  product_id: string;
  seller_id: string;
  title: string;
  description: string;
  /** Slug of any node of the category tree. */
  category: string;
  price_cents: number;
  /** The "was" price the seller shows beside the price; null when there is none. */
  compare_at_price_cents: number | null;
  currency: string;
  image_url: string | null;
  avg_rating: number;
  review_count: number;
  stock_status: StockStatus;
  /** ISO-8601. */
  created_at: string;
  /** ISO-8601. */
  updated_at: string;
  /** Product version: an upsert with a version not newer than the held one is ignored. */
  version: number;
  /** `StockChanged` version: stock fields are taken only when newer than the held ones. */
  stock_version: number;
  /** `RatingChanged` version: rating fields are taken only when newer than the held ones. */
  rating_version: number;
}

/** A product leaving search (drafted, deleted or removed) at the product version that did it. */
export interface ProductRemoval {
  product_id: string;
  version: number;
}

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'rating' | 'newest';

export const SEARCH_SORTS: readonly SearchSort[] = [
  'relevance',
  'price_asc',
  'price_desc',
  'rating',
  'newest',
];

export interface SearchQuery {
  q?: string;
  /** A slug; a department includes its subcategories. */
  category?: string;
  min_price_cents?: number;
  max_price_cents?: number;
  min_rating?: number;
  in_stock?: boolean;
  on_sale?: boolean;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  page_size: number;
}

/** On sale: shared/money's rule, on a document's fields. */
export function documentOnSale(
  document: Pick<SearchDocument, 'price_cents' | 'compare_at_price_cents'>,
): boolean {
  return isOnSale(document.price_cents, document.compare_at_price_cents);
}

export interface CategoryFacet {
  slug: string;
  count: number;
}

export interface PriceRangeFacet {
  key: string;
  /** Inclusive lower bound; null for "under". */
  from_cents: number | null;
  /** Exclusive upper bound; null for "and up". */
  to_cents: number | null;
  count: number;
}

export type RatingFacetThreshold = 4 | 3 | 2 | 1;

export interface RatingFacet {
  /** "4 stars & up": products rated at least this. */
  min_rating: RatingFacetThreshold;
  count: number;
}

export interface SearchFacets {
  /** Sorted by count descending, then slug. */
  categories: CategoryFacet[];
  /** Always every range of {@link PRICE_RANGES}, in order, zero counts included. */
  price_ranges: PriceRangeFacet[];
  /** Always 4, 3, 2, 1, zero counts included. */
  ratings: RatingFacet[];
}

export interface SearchPage {
  results: SearchDocument[];
  /** Number of matches across all pages. */
  total: number;
  facets: SearchFacets;
}

export interface SearchIndex {
  /** Bulk upsert; see the version rules above. */
  upsert(docs: SearchDocument[]): Promise<void>;
  /** Takes products out of search; see the version rules above. */
  remove(removals: ProductRemoval[]): Promise<void>;
  applyStock(productId: string, stockStatus: StockStatus, version: number): Promise<void>;
  applyRating(productId: string, avgRating: number, reviewCount: number, version: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
  /** Up to `limit` distinct lower-case completions of `prefix`, most popular first. */
  suggest(prefix: string, limit: number): Promise<string[]>;
  /** Number of searchable products. */
  count(): Promise<number>;
  clear(): Promise<void>;
}

/** The price buckets of the price facet: `from` inclusive, `to` exclusive, in cents. */
export const PRICE_RANGES: ReadonlyArray<{
  key: string;
  from_cents: number | null;
  to_cents: number | null;
}> = [
  { key: 'under-25', from_cents: null, to_cents: 2_500 },
  { key: '25-50', from_cents: 2_500, to_cents: 5_000 },
  { key: '50-100', from_cents: 5_000, to_cents: 10_000 },
  { key: '100-200', from_cents: 10_000, to_cents: 20_000 },
  { key: '200-plus', from_cents: 20_000, to_cents: null },
];

export const RATING_THRESHOLDS: readonly RatingFacetThreshold[] = [4, 3, 2, 1];

/** Largest page size either adapter serves; the route's query schema refuses larger ones. */
export const MAX_PAGE_SIZE = 100;
