import { type CategoryFacet, PRICE_RANGES, RATING_THRESHOLDS, type SearchFacets } from '../search-index';
import type { CategoryCodes } from './category-codes';
import { type DocumentTable, FACET_CELLS_PER_CATEGORY, STAR_BUCKETS } from './document-table';

/**
 * Counts every facet over the candidate slots with one histogram increment per match: a cell per
 * (category, price range, star bucket), then folded into each facet.
 */
export function countFacets(
  table: DocumentTable,
  codes: CategoryCodes,
  candidates: Int32Array,
  candidateCount: number,
): SearchFacets {
  const facetCell = table.facetCell;
  const cells = new Int32Array(codes.size * FACET_CELLS_PER_CATEGORY);
  for (let index = 0; index < candidateCount; index++) cells[facetCell[candidates[index]!]!]!++;

  const categoryCounts = new Int32Array(codes.size);
  const priceCounts = new Array<number>(PRICE_RANGES.length).fill(0);
  const starCounts = new Array<number>(STAR_BUCKETS).fill(0);
  cells.forEach((count, cell) => {
    if (count === 0) return;
    categoryCounts[Math.floor(cell / FACET_CELLS_PER_CATEGORY)]! += count;
    priceCounts[Math.floor(cell / STAR_BUCKETS) % PRICE_RANGES.length]! += count;
    starCounts[cell % STAR_BUCKETS]! += count;
  });
  // "n stars & up" is the count of every whole-star bucket from n on.
  const ratingCounts = RATING_THRESHOLDS.map((threshold) =>
    starCounts.slice(threshold).reduce((sum, count) => sum + count, 0),
  );

  // A product counts for its own category and for its department.
  const bySlug = new Map<string, number>();
  categoryCounts.forEach((count, code) => {
    if (count === 0) return;
    const slug = codes.slugOf(code);
    bySlug.set(slug, (bySlug.get(slug) ?? 0) + count);
    const departmentCode = codes.departmentCodeOf(code);
    if (departmentCode !== code) {
      const department = codes.slugOf(departmentCode);
      bySlug.set(department, (bySlug.get(department) ?? 0) + count);
    }
  });
  const categories: CategoryFacet[] = [...bySlug]
    .map(([slug, count]) => ({ slug, count }))
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));

  return {
    categories,
    price_ranges: PRICE_RANGES.map((range, index) => ({ ...range, count: priceCounts[index]! })),
    ratings: RATING_THRESHOLDS.map((min_rating, index) => ({ min_rating, count: ratingCounts[index]! })),
  };
}
