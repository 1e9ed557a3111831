import type { SearchDocument, StockStatus } from '../search-index';

/**
 * What the index holds about one product id, searchable or not. Besides the live slot it keeps
 * the versions seen, so that late events are recognised as late, and the stock or rating of an
 * event that arrived before its product (applied when the product comes).
 */
export interface ProductState {
  /** The document's slot, or -1 while the product is not searchable (not yet indexed, or removed). */
  slot: number;
  /** The product version held: the indexed one, or the version a remove was made at. */
  version: number | null;
  stockVersion: number | null;
  ratingVersion: number | null;
  /** Held only while `slot` is -1; otherwise the document holds them. */
  stockStatus?: StockStatus;
  avgRating?: number;
  reviewCount?: number;
}

export function newProductState(): ProductState {
  return { slot: -1, version: null, stockVersion: null, ratingVersion: null };
}

/**
 * Folds an incoming document into what the index holds for its product, field group by field
 * group (product, stock, rating), each by its own version. Returns the document to index, or
 * null when there is nothing to index: nothing newer came, or only newer stock or rating for a
 * product not searchable now, kept in `state` for when it is indexed again.
 */
export function reconcile(
  state: ProductState,
  current: SearchDocument | undefined,
  incoming: SearchDocument,
): SearchDocument | null {
  const productIsNewer = state.version === null || incoming.version > state.version;
  const stockIsNewer = state.stockVersion === null || incoming.stock_version > state.stockVersion;
  const ratingIsNewer = state.ratingVersion === null || incoming.rating_version > state.ratingVersion;
  if (!productIsNewer && !stockIsNewer && !ratingIsNewer) return null;

  const base = productIsNewer ? incoming : current;
  if (!base) {
    // An older product (or one removed since) that brings newer stock or rating: keep those
    // for when the product is indexed again.
    if (stockIsNewer) {
      state.stockVersion = incoming.stock_version;
      state.stockStatus = incoming.stock_status;
    }
    if (ratingIsNewer) {
      state.ratingVersion = incoming.rating_version;
      state.avgRating = incoming.avg_rating;
      state.reviewCount = incoming.review_count;
    }
    return null;
  }

  const next: SearchDocument = { ...base };
  if (stockIsNewer) {
    next.stock_status = incoming.stock_status;
    next.stock_version = incoming.stock_version;
  } else {
    next.stock_status = current?.stock_status ?? state.stockStatus ?? incoming.stock_status;
    next.stock_version = state.stockVersion ?? incoming.stock_version;
  }
  if (ratingIsNewer) {
    next.avg_rating = incoming.avg_rating;
    next.review_count = incoming.review_count;
    next.rating_version = incoming.rating_version;
  } else {
    next.avg_rating = current?.avg_rating ?? state.avgRating ?? incoming.avg_rating;
    next.review_count = current?.review_count ?? state.reviewCount ?? incoming.review_count;
    next.rating_version = state.ratingVersion ?? incoming.rating_version;
  }

  state.version = next.version;
  state.stockVersion = next.stock_version;
  state.ratingVersion = next.rating_version;
  state.stockStatus = undefined;
  state.avgRating = undefined;
  state.reviewCount = undefined;
  return next;
}
