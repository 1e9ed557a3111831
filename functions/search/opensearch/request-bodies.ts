/**
 * Pure builders for every OpenSearch request the adapter sends, and parsers for what comes
 * back, so unit tests can check the bodies without a cluster. The text rules mirror the
 * embedded engine's (analysis.ts): the same terms, typo allowance and minimum match.
 */
import { categoryAndDescendants, departmentOf } from '../../catalog/categories';
import {
  minimumTermsToMatch,
  normalizeSuggestionPrefix,
  OPENSEARCH_FUZZINESS,
  OPENSEARCH_MINIMUM_SHOULD_MATCH,
  queryTerms,
  suggestionPhrases,
} from '../analysis';
import {
  PRICE_RANGES,
  type ProductRemoval,
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
const RETRY_ON_CONFLICT = 3;
const MAX_SUGGEST_WEIGHT = 2_147_483_647;

// ── Writes ──────────────────────────────────────────────────────────────────────────────────

/**
 * Applies a product upsert under the version rules: product fields only from a newer `version`,
 * stock fields only from a newer `stock_version`, rating fields only from a newer
 * `rating_version`. Runs as a scripted upsert, so it also turns a stand-in (stock or rating
 * that arrived first, or a tombstone) into the product when the version allows.
 */
export const UPSERT_SCRIPT = `
def source = ctx._source;
boolean changed = false;
if (source.version == null || params.version > source.version) {
  for (def entry : params.product.entrySet()) { source[entry.getKey()] = entry.getValue(); }
  source.version = params.version;
  source.live = true;
  changed = true;
}
if (source.stock_version == null || params.stock_version > source.stock_version) {
  source.stock_status = params.stock_status;
  source.stock_version = params.stock_version;
  changed = true;
}
if (source.rating_version == null || params.rating_version > source.rating_version) {
  source.avg_rating = params.avg_rating;
  source.review_count = params.review_count;
  source.rating_version = params.rating_version;
  changed = true;
}
if (source.live == null) { source.live = false; source.product_id = params.product_id; }
if (source.suggest != null) {
  source.suggest.weight = (int) Math.min(((Number) source.review_count).longValue() + 1, ${MAX_SUGGEST_WEIGHT}L);
}
if (!changed) { ctx.op = 'none'; }
`.trim();

/** A versioned remove: a tombstone that keeps the version (and stock/rating) but is not searchable. */
export const REMOVE_SCRIPT = `
def source = ctx._source;
if (source.version == null || source.version <= params.version) {
  source.version = params.version;
  source.live = false;
  source.product_id = params.product_id;
  source.remove('suggest');
} else {
  ctx.op = 'none';
}
`.trim();

export const STOCK_SCRIPT = `
def source = ctx._source;
if (source.stock_version == null || params.version > source.stock_version) {
  source.stock_status = params.stock_status;
  source.stock_version = params.version;
  if (source.live == null) { source.live = false; source.product_id = params.product_id; }
} else {
  ctx.op = 'none';
}
`.trim();

export const RATING_SCRIPT = `
def source = ctx._source;
if (source.rating_version == null || params.version > source.rating_version) {
  source.avg_rating = params.avg_rating;
  source.review_count = params.review_count;
  source.rating_version = params.version;
  if (source.live == null) { source.live = false; source.product_id = params.product_id; }
  if (source.suggest != null) {
    source.suggest.weight = (int) Math.min(((Number) params.review_count).longValue() + 1, ${MAX_SUGGEST_WEIGHT}L);
  }
} else {
  ctx.op = 'none';
}
`.trim();

/** A category and its department: what a department browse and the category facet match on. */
export function categoryPath(category: string): string[] {
  const department = departmentOf(category);
  return department && department !== category ? [category, department] : [category];
}

/** The product-owned fields as stored: everything but the stock and rating groups. */
export function productFields(doc: SearchDocument): Body {
  const phrases = suggestionPhrases(doc.title);
  return {
    product_id: doc.product_id,
    seller_id: doc.seller_id,
    title: doc.title,
    description: doc.description,
    category: doc.category,
    category_path: categoryPath(doc.category),
    price_cents: doc.price_cents,
    currency: doc.currency,
    image_url: doc.image_url,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
    // Null rather than absent, so a title that no longer offers phrases clears the old ones.
    suggest:
      phrases.length > 0
        ? { input: phrases, weight: Math.min(doc.review_count + 1, MAX_SUGGEST_WEIGHT) }
        : null,
  };
}

function scriptedUpsert(index: string, id: string, source: string, params: Body): Body[] {
  return [
    { update: { _index: index, _id: id, retry_on_conflict: RETRY_ON_CONFLICT } },
    { script: { source, lang: 'painless', params }, upsert: {}, scripted_upsert: true },
  ];
}

/** `_bulk` lines upserting documents under the version rules. */
export function buildUpsertOperations(index: string, docs: SearchDocument[]): Body[] {
  return docs.flatMap((doc) =>
    scriptedUpsert(index, doc.product_id, UPSERT_SCRIPT, {
      product_id: doc.product_id,
      version: doc.version,
      product: productFields(doc),
      stock_status: doc.stock_status,
      stock_version: doc.stock_version,
      avg_rating: doc.avg_rating,
      review_count: doc.review_count,
      rating_version: doc.rating_version,
    }),
  );
}

/**
 * `_bulk` lines removing products: each leaves a tombstone (`live: false`, the version kept),
 * never a real delete. A delete with `version_type=external` would keep its version only for
 * `index.gc_deletes` (60 s by default), far shorter than a stream record can be retried or
 * redelivered, after which an older upsert would recreate the product; and external versioning
 * knows one version per document where ours has three (product, stock, rating).
 */
export function buildRemoveOperations(index: string, removals: ProductRemoval[]): Body[] {
  return removals.flatMap(({ product_id, version }) =>
    scriptedUpsert(index, product_id, REMOVE_SCRIPT, { product_id, version }),
  );
}

/** The body of an `_update` applying a `StockChanged` version. */
export function buildStockUpdate(productId: string, stockStatus: StockStatus, version: number): Body {
  return {
    script: {
      source: STOCK_SCRIPT,
      lang: 'painless',
      params: { product_id: productId, stock_status: stockStatus, version },
    },
    upsert: {},
    scripted_upsert: true,
  };
}

/** The body of an `_update` applying a `RatingChanged` version. */
export function buildRatingUpdate(
  productId: string,
  avgRating: number,
  reviewCount: number,
  version: number,
): Body {
  return {
    script: {
      source: RATING_SCRIPT,
      lang: 'painless',
      params: { product_id: productId, avg_rating: avgRating, review_count: reviewCount, version },
    },
    upsert: {},
    scripted_upsert: true,
  };
}

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
    _source: { excludes: ['suggest', 'category_path', 'live'] },
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
