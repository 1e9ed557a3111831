/**
 * Pure builders for the write requests the OpenSearch adapter sends (bulk upserts and removes,
 * stock and rating updates), each a painless script applying the version rules, so unit tests can
 * check the bodies without a cluster.
 */
import { departmentOf } from '../../catalog/categories';
import { suggestionPhrases } from '../analysis';
import { documentOnSale, type ProductRemoval, type SearchDocument, type StockStatus } from '../search-index';

type Body = Record<string, unknown>;

const RETRY_ON_CONFLICT = 3;
const MAX_SUGGEST_WEIGHT = 2_147_483_647;

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
    compare_at_price_cents: doc.compare_at_price_cents,
    on_sale: documentOnSale(doc),
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
