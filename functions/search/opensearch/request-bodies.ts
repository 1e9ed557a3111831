/**
 * Pure builders for the search and suggestion requests the OpenSearch adapter sends, and parsers
 * for what comes back, so unit tests can check the bodies without a cluster (the write bodies are
 * in write-bodies.ts). The text rules mirror the embedded engine's (analysis.ts): the same terms,
 * typo allowance and minimum match.
 */
import { categoryAndDescendants } from '../../catalog/categories';
import {
  minimumTermsToMatch,
  normalizeSuggestionPrefix,
  OPENSEARCH_FUZZINESS,
  OPENSEARCH_MINIMUM_SHOULD_MATCH,
  queryTerms,
} from '../analysis';
import {
  PRICE_RANGES,
  RATING_THRESHOLDS,
  type RatingFacetThreshold,
  type SearchDocument,
  type SearchFacets,
  type SearchPage,
  type SearchQuery,
  type SearchSort,
  type StockStatus,
} from '../search-index';

type Body = Record<string, unknown>;

/** OpenSearch refuses `from + size` beyond `index.max_result_window` (10,000 by default). */
export const MAX_RESULT_WINDOW = 10_000;
export const TEXT_FIELDS = ['title^3', 'description'];
const PREFIX_BOOST = 0.7;
const MIN_PREFIX_LENGTH = 3;
const MAX_EXPANSIONS = 50;

// ── Search ──────────────────────────────────────────────────────────────────────────────────

export interface SearchBodyOptions {
  /** The fallback pass: any one term may match (documents matching more still score higher). */
  relaxed?: boolean;
}

/**
 * One clause per query term, each a `multi_match` over `title^3` and `description` with the
 * shared typo allowance; the last term may also be a prefix still being typed. Per-term
 * clauses (rather than one multi_match over the whole text) let a document match one term in
 * its title and another in its description, as the embedded engine does.
 */
export function buildTextQuery(terms: string[], relaxed: boolean): Body {
  const clauses = terms.map((term, index) => {
    const fuzzy = {
      multi_match: {
        query: term,
        fields: TEXT_FIELDS,
        fuzziness: OPENSEARCH_FUZZINESS,
        prefix_length: 0,
        max_expansions: MAX_EXPANSIONS,
      },
    };
    if (index !== terms.length - 1 || term.length < MIN_PREFIX_LENGTH) return fuzzy;
    const prefix = {
      multi_match: {
        query: term,
        type: 'phrase_prefix',
        fields: TEXT_FIELDS,
        max_expansions: MAX_EXPANSIONS,
        boost: PREFIX_BOOST,
      },
    };
    return { bool: { should: [fuzzy, prefix], minimum_should_match: 1 } };
  });
  return { bool: { should: clauses, minimum_should_match: relaxed ? 1 : OPENSEARCH_MINIMUM_SHOULD_MATCH } };
}

/** The filters of a query, `live` first: stand-ins and tombstones are never found. */
export function buildFilters(query: SearchQuery): Body[] {
  const filters: Body[] = [{ term: { live: true } }];
  if (query.category) {
    // Expanded at query time from the tree in code, as the embedded engine does, so a tree
    // change needs no reindex to browse right.
    const covered = categoryAndDescendants(query.category);
    filters.push({ terms: { category: covered.length > 0 ? covered : [query.category] } });
  }
  if (query.min_price_cents !== undefined || query.max_price_cents !== undefined) {
    const range: Body = {};
    if (query.min_price_cents !== undefined) range.gte = query.min_price_cents;
    if (query.max_price_cents !== undefined) range.lte = query.max_price_cents;
    filters.push({ range: { price_cents: range } });
  }
  if (query.min_rating !== undefined) filters.push({ range: { avg_rating: { gte: query.min_rating } } });
  if (query.in_stock === true) filters.push({ terms: { stock_status: ['in_stock', 'low_stock'] } });
  if (query.on_sale === true) filters.push({ term: { on_sale: true } });
  return filters;
}

/** Sort clauses; every one ends on product_id so pages neither repeat nor skip. */
export function buildSort(sort: SearchSort, hasText: boolean): Body[] {
  const tiebreak = { product_id: { order: 'asc' } };
  const newest = [{ created_at: { order: 'desc' } }, tiebreak];
  switch (sort) {
    case 'price_asc':
      return [{ price_cents: { order: 'asc' } }, tiebreak];
    case 'price_desc':
      return [{ price_cents: { order: 'desc' } }, tiebreak];
    case 'rating':
      return [{ avg_rating: { order: 'desc' } }, { review_count: { order: 'desc' } }, tiebreak];
    case 'newest':
      return newest;
    case 'relevance':
      // Browsing has no relevance to speak of: the newest products come first.
      return hasText ? [{ _score: { order: 'desc' } }, tiebreak] : newest;
  }
}

/** Facets over the filtered matches: categories with departments rolled up, price and rating ranges. */
export function buildAggregations(): Body {
  return {
    categories: {
      terms: { field: 'category_path', size: 100, order: [{ _count: 'desc' }, { _key: 'asc' }] },
    },
    price_ranges: {
      range: {
        field: 'price_cents',
        ranges: PRICE_RANGES.map((range) => ({
          key: range.key,
          ...(range.from_cents !== null ? { from: range.from_cents } : {}),
          ...(range.to_cents !== null ? { to: range.to_cents } : {}),
        })),
      },
    },
    ratings: {
      range: {
        field: 'avg_rating',
        ranges: RATING_THRESHOLDS.map((threshold) => ({ key: String(threshold), from: threshold })),
      },
    },
  };
}

/** The `_search` body for a query. */
export function buildSearchBody(query: SearchQuery, options: SearchBodyOptions = {}): Body {
  const terms = queryTerms(query.q);
  const pageSize = Math.max(1, Math.floor(query.page_size));
  const from = (Math.max(1, Math.floor(query.page)) - 1) * pageSize;
  return {
    from: Math.min(from, MAX_RESULT_WINDOW),
    // Past the result window only the total and the facets can be answered.
    size: from >= MAX_RESULT_WINDOW ? 0 : Math.min(pageSize, MAX_RESULT_WINDOW - from),
    track_total_hits: true,
    _source: { excludes: ['suggest', 'category_path', 'live', 'on_sale'] },
    query: {
      bool: {
        ...(terms.length > 0 ? { must: [buildTextQuery(terms, options.relaxed === true)] } : {}),
        filter: buildFilters(query),
      },
    },
    sort: buildSort(query.sort, terms.length > 0),
    aggs: buildAggregations(),
  };
}

/** Whether a query that found nothing deserves the relaxed (any term) pass. */
export function canRelax(query: SearchQuery): boolean {
  return minimumTermsToMatch(queryTerms(query.q).length) > 1;
}

interface Bucket {
  key: string | number;
  doc_count: number;
}

interface SearchResponseBody {
  hits: { total: number | { value: number }; hits: Array<{ _source: Record<string, unknown> }> };
  aggregations?: {
    categories?: { buckets: Bucket[] };
    price_ranges?: { buckets: Bucket[] };
    ratings?: { buckets: Bucket[] };
  };
}

/** A stored source back to the interface's document, dropping the index's own fields. */
export function toSearchDocument(source: Record<string, unknown>): SearchDocument {
  return {
    product_id: source.product_id as string,
    seller_id: source.seller_id as string,
    title: source.title as string,
    description: source.description as string,
    category: source.category as string,
    price_cents: source.price_cents as number,
    compare_at_price_cents: (source.compare_at_price_cents as number | null | undefined) ?? null,
    currency: source.currency as string,
    image_url: (source.image_url as string | null | undefined) ?? null,
    avg_rating: source.avg_rating as number,
    review_count: source.review_count as number,
    stock_status: source.stock_status as StockStatus,
    created_at: source.created_at as string,
    updated_at: source.updated_at as string,
    version: source.version as number,
    stock_version: source.stock_version as number,
    rating_version: source.rating_version as number,
  };
}

export function parseSearchResponse(body: unknown): SearchPage {
  const response = body as SearchResponseBody;
  const total = typeof response.hits.total === 'number' ? response.hits.total : response.hits.total.value;
  const countByKey = (buckets: Bucket[] | undefined) =>
    new Map((buckets ?? []).map((bucket) => [String(bucket.key), bucket.doc_count]));
  const priceCounts = countByKey(response.aggregations?.price_ranges?.buckets);
  const ratingCounts = countByKey(response.aggregations?.ratings?.buckets);
  const facets: SearchFacets = {
    categories: (response.aggregations?.categories?.buckets ?? [])
      .filter((bucket) => bucket.doc_count > 0)
      .map((bucket) => ({ slug: String(bucket.key), count: bucket.doc_count })),
    price_ranges: PRICE_RANGES.map((range) => ({ ...range, count: priceCounts.get(range.key) ?? 0 })),
    ratings: RATING_THRESHOLDS.map((threshold: RatingFacetThreshold) => ({
      min_rating: threshold,
      count: ratingCounts.get(String(threshold)) ?? 0,
    })),
  };
  return { results: response.hits.hits.map((hit) => toSearchDocument(hit._source)), total, facets };
}

// ── Suggestions ─────────────────────────────────────────────────────────────────────────────

export const SUGGESTION_NAME = 'products';

/** A completion-suggester body, or null when the prefix has nothing to complete. */
export function buildSuggestBody(prefix: string, limit: number): Body | null {
  const normalized = normalizeSuggestionPrefix(prefix);
  if (normalized === '' || limit <= 0) return null;
  return {
    _source: false,
    suggest: {
      [SUGGESTION_NAME]: {
        prefix: normalized,
        completion: { field: 'suggest', size: Math.floor(limit), skip_duplicates: true },
      },
    },
  };
}

interface SuggestResponseBody {
  suggest?: Record<string, Array<{ options: Array<{ text: string }> }>>;
}

export function parseSuggestResponse(body: unknown): string[] {
  const entries = (body as SuggestResponseBody).suggest?.[SUGGESTION_NAME] ?? [];
  return [...new Set(entries.flatMap((entry) => entry.options.map((option) => option.text.toLowerCase())))];
}
