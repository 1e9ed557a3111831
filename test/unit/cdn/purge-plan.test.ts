import {
  ALL_PRODUCT_PAGES,
  INVALIDATION_LIMITS,
  pathsToPurge,
  planInvalidation,
  stockMoveShows,
} from '../../../functions/cdn/service';

describe('what a change purges', () => {
  it('purges a changed product’s page, and a new rating’s first reviews page too', () => {
    expect(pathsToPurge({ kind: 'product', productId: 'p_1' })).toEqual(['/api/v1/products/p_1']);
    expect(pathsToPurge({ kind: 'stock', productId: 'p_1' })).toEqual(['/api/v1/products/p_1']);
    expect(pathsToPurge({ kind: 'rating', productId: 'p_1' })).toEqual([
      '/api/v1/products/p_1',
      '/api/v1/products/p_1/reviews',
    ]);
  });

  it('purges every product page on a feature switch change', () => {
    expect(pathsToPurge({ kind: 'flags' })).toEqual([ALL_PRODUCT_PAGES]);
  });
});

describe('invalidation batching', () => {
  it('sends the pending paths once each, in one invalidation', () => {
    const plan = planInvalidation(['/api/v1/products/a', '/api/v1/products/b', '/api/v1/products/a']);
    expect(plan.paths).toEqual(['/api/v1/products/a', '/api/v1/products/b']);
    expect(plan.covers).toEqual(plan.paths);
  });

  it('stays within CloudFront’s limits under a burst of 1,000 changes', () => {
    const pending = Array.from({ length: 1000 }, (_, i) =>
      pathsToPurge({ kind: 'rating', productId: `p_${i}` }),
    ).flat();
    const plan = planInvalidation(pending);
    // One wildcard instead of 2,000 paths: one of the 15 wildcards, one of the 1,000 free paths a month.
    expect(plan.paths).toEqual([ALL_PRODUCT_PAGES]);
    expect(new Set(plan.covers)).toEqual(new Set(pending));
  });

  it('never sends more paths in one flush than leave room for others in progress', () => {
    for (const size of [1, 499, 500, 501, 2999, 3000, 10_000]) {
      const plan = planInvalidation(Array.from({ length: size }, (_, i) => `/api/v1/products/p_${i}`));
      const wildcards = plan.paths.filter((path) => path.endsWith('*'));
      expect(plan.paths.length).toBeLessThanOrEqual(INVALIDATION_LIMITS.pathsPerFlush);
      expect(wildcards.length).toBeLessThanOrEqual(1);
      expect(plan.covers).toHaveLength(size);
    }
    // Six flushes in progress at once still fit under the 3,000 paths CloudFront allows.
    expect(INVALIDATION_LIMITS.pathsPerFlush * 6).toBeLessThanOrEqual(INVALIDATION_LIMITS.pathsInProgress);
  });

  it('plans nothing when nothing is pending', () => {
    expect(planInvalidation([])).toEqual({ paths: [], covers: [] });
  });
});

describe('which stock moves a page shows', () => {
  it('purges when the badge changed or is not known, not for a move within a badge or a new product', () => {
    expect(stockMoveShows({ stock_status: 'out_of_stock', previous_stock_status: 'low_stock' })).toBe(true);
    expect(stockMoveShows({ stock_status: 'in_stock', previous_stock_status: 'out_of_stock' })).toBe(true);
    expect(stockMoveShows({ stock_status: 'in_stock' })).toBe(true);
    expect(stockMoveShows({ stock_status: 'in_stock', previous_stock_status: 'in_stock' })).toBe(false);
    expect(stockMoveShows({ stock_status: 'in_stock', previous_stock_status: null })).toBe(false);
  });
});
