import type { StockStatus } from '../inventory/stock-records';

/**
 * What a change purges from the CDN, and how a burst of them becomes invalidations CloudFront
 * accepts. Pure: the handlers feed it events and the pending paths, and send what it plans.
 */

/** CloudFront's limits on invalidations in progress at once, and the share one flush may take. */
export const INVALIDATION_LIMITS = {
  pathsInProgress: 3000,
  wildcardsInProgress: 15,
  /**
   * One flush sends at most this many individual paths: an invalidation may take minutes, so a
   * few flushes can be in progress together and must still fit under the 3,000.
   */
  pathsPerFlush: 500,
} as const;

/** Everything under the product pages, sent instead of a burst too large to name path by path. */
export const ALL_PRODUCT_PAGES = '/api/v1/products/*';

export type PurgeCause =
  | { kind: 'product'; productId: string }
  | { kind: 'stock'; productId: string }
  | { kind: 'rating'; productId: string }
  | { kind: 'flags' };

/**
 * Whether a stock move shows on the page: only when its badge changed. A product's first stock
 * record (no badge before, `null`) is announced with the product, whose ProductChanged purges;
 * a move whose badge before is unknown (absent: a sharded product's shard) purges to be safe.
 */
export function stockMoveShows(move: {
  stock_status: StockStatus;
  previous_stock_status?: StockStatus | null;
}): boolean {
  if (move.previous_stock_status === null) return false;
  return move.previous_stock_status === undefined || move.previous_stock_status !== move.stock_status;
}

/**
 * The cached paths a change makes wrong. A product or its stock badge: its page. A rating: its
 * page and the first page of its reviews (other pages and orders expire on their own minute).
 * A feature switch: every product page, which embeds reviews and recommendations.
 */
export function pathsToPurge(cause: PurgeCause): string[] {
  if (cause.kind === 'flags') return [ALL_PRODUCT_PAGES];
  const page = `/api/v1/products/${encodeURIComponent(cause.productId)}`;
  return cause.kind === 'rating' ? [page, `${page}/reviews`] : [page];
}

export interface InvalidationPlan {
  /** The paths of one CreateInvalidation (empty when nothing is pending). */
  paths: string[];
  /** The pending paths this invalidation covers, to be cleared once it is accepted. */
  covers: string[];
}

/**
 * One invalidation for everything pending: the paths themselves when they fit in one flush's
 * share, else the one wildcard over all product pages, which covers them all (a wildcard counts
 * as one path against the free 1,000 a month, and one of the 15 in progress).
 */
export function planInvalidation(pending: readonly string[]): InvalidationPlan {
  const unique = [...new Set(pending)].sort();
  if (unique.length === 0) return { paths: [], covers: [] };
  if (unique.length > INVALIDATION_LIMITS.pathsPerFlush || unique.includes(ALL_PRODUCT_PAGES)) {
    // Every purged path lies under the product pages, so the wildcard covers what is pending.
    const prefix = ALL_PRODUCT_PAGES.slice(0, -1);
    return { paths: [ALL_PRODUCT_PAGES], covers: unique.filter((path) => path.startsWith(prefix)) };
  }
  return { paths: unique, covers: unique };
}
