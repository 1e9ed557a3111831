import { isOnSale, moneyFields } from '../../shared/money';
import { categoryAndDescendants, departmentOf } from '../catalog/categories';
import type { ProductSummary } from '../catalog/product-lookup';
import { type RecommendationStore, type ScoreIncrement, scope } from './store';

export interface RecommendationsDeps {
  recommendations: RecommendationStore;
  lookupProducts: (ids: string[]) => Promise<Map<string, ProductSummary>>;
  purchasedBy: (userId: string) => Promise<Set<string>>;
  now: () => Date;
  viewTtlSeconds: number;
}

export interface RecommendedProduct {
  product_id: string;
  title: string;
  category: string;
  price: number;
  price_cents: number;
  currency: string;
  image: string | null;
  score: number;
  reason: 'bought_together' | 'same_category' | 'best_seller';
}

/**
 * From a paid order: every pair of distinct products in it (both ways) and each product's
 * category, department and overall best-seller counts. Applied once per order.
 */
export async function countOrder(
  orderId: string,
  lines: Array<{ product_id: string; quantity: number }>,
  deps: RecommendationsDeps,
): Promise<number> {
  const productIds = [...new Set(lines.map((line) => line.product_id))].sort();
  const products = await deps.lookupProducts(productIds);
  const increments: ScoreIncrement[] = [];
  for (const a of productIds) {
    for (const b of productIds)
      if (a !== b) increments.push({ scope: scope.boughtWith(a), productId: b, by: 1 });
  }
  for (const line of [...lines].sort((x, y) => x.product_id.localeCompare(y.product_id))) {
    const category = products.get(line.product_id)?.category;
    const scopes = new Set([
      scope.allBestSellers(),
      ...(category
        ? [scope.bestSellers(category), scope.bestSellers(departmentOf(category) ?? category)]
        : []),
    ]);
    for (const key of scopes) increments.push({ scope: key, productId: line.product_id, by: line.quantity });
  }
  const applied = await deps.recommendations.applyOrderOnce(orderId, increments);
  // Also after a redelivery: the first delivery may have failed between counting and publishing.
  await Promise.all(
    productIds.map((productId) => deps.recommendations.publishTopPartners(productId, PUBLISHED_PARTNERS)),
  );
  return applied;
}

export interface BestSeller {
  rank: number;
  product_id: string;
  title: string;
  category: string;
  price: number;
  price_cents: number;
  compare_at_price: number | null;
  compare_at_price_cents: number | null;
  currency: string;
  image: string | null;
  rating: number;
  review_count: number;
}

/**
 * The shop's or a category's best sellers: products ranked by units sold in paid orders (the
 * counts {@link countOrder} keeps once per order), of those active now — no draft, deleted or
 * sold-out product — and, for a category, filed under it now (a product moved since it sold
 * is left out, though its units stay counted where they were sold).
 */
export async function bestSellers(
  options: { category?: string; limit: number },
  deps: Pick<RecommendationsDeps, 'recommendations' | 'lookupProducts'>,
): Promise<BestSeller[]> {
  const ranked = await deps.recommendations.top(
    options.category ? scope.bestSellers(options.category) : scope.allBestSellers(),
    // Room for the products left out, so the list is still full when a few are.
    options.limit * 3 + 10,
  );
  const covered = options.category ? new Set(categoryAndDescendants(options.category)) : undefined;
  const products = await deps.lookupProducts(ranked.map((entry) => entry.productId));
  const items: BestSeller[] = [];
  for (const { productId } of ranked) {
    const product = products.get(productId);
    if (product?.status !== 'active' || (covered && !covered.has(product.category))) continue;
    const onSale = isOnSale(product.priceCents, product.compareAtPriceCents);
    items.push({
      rank: items.length + 1,
      product_id: product.productId,
      title: product.title,
      category: product.category,
      ...moneyFields('price', product.priceCents),
      ...moneyFields('compare_at_price', onSale ? product.compareAtPriceCents : null),
      currency: product.currency,
      image: product.imageUrl,
      rating: product.avgRating,
      review_count: product.reviewCount,
    });
    if (items.length === options.limit) break;
  }
  return items;
}

/** How many partners a product's page keeps: enough that some stay when others sell out. */
export const PUBLISHED_PARTNERS = 13;

/** The view beacon: popularity for everyone, personal history for signed-in shoppers. */
export async function recordView(
  userId: string | undefined,
  productId: string,
  weight: number,
  deps: RecommendationsDeps,
) {
  const at = deps.now().toISOString();
  await Promise.all([
    deps.recommendations.incrementOne({ scope: scope.viewed(), productId, by: weight }),
    userId
      ? deps.recommendations.recordView(userId, productId, weight, at, deps.viewTtlSeconds)
      : Promise.resolve(),
  ]);
}

/** "Frequently bought together": top co-purchases that are still for sale. */
export async function boughtTogether(
  productId: string,
  limit: number,
  deps: RecommendationsDeps,
): Promise<RecommendedProduct[]> {
  const partners = await deps.recommendations.top(scope.boughtWith(productId), limit * 2 + 5);
  return present(
    partners.map((p) => ({ ...p, reason: 'bought_together' as const })),
    new Set([productId]),
    limit,
    deps,
  );
}

/**
 * "Based on your browsing": products bought together with what the shopper viewed (and put
 * in their cart, weighted more), then best sellers of those categories — never what they
 * already bought or are looking at. With no history: the category's best sellers.
 */
export async function forShopper(
  userId: string | undefined,
  options: { limit: number; category?: string },
  deps: RecommendationsDeps,
): Promise<{ basis: 'history' | 'best_sellers'; items: RecommendedProduct[] }> {
  // What they viewed and what they bought are independent reads: ask for both at once.
  const [views, bought] = await Promise.all([
    userId ? deps.recommendations.recentViews(userId, 30, Math.floor(deps.now().getTime() / 1000)) : [],
    userId ? deps.purchasedBy(userId) : new Set<string>(),
  ]);
  if (views.length === 0) {
    const best = await deps.recommendations.top(
      options.category ? scope.bestSellers(options.category) : scope.allBestSellers(),
      options.limit * 2 + 5,
    );
    return {
      basis: 'best_sellers',
      items: await present(
        best.map((p) => ({ ...p, reason: 'best_seller' as const })),
        new Set(),
        options.limit,
        deps,
      ),
    };
  }
  const weights = new Map<string, number>();
  for (const view of views) weights.set(view.productId, (weights.get(view.productId) ?? 0) + view.weight);
  const seeds = [...weights].sort((a, b) => b[1] - a[1]).slice(0, 5);
  // Co-purchases need only the ids; the same-category best sellers wait for the categories.
  const pairListsPending = Promise.all(
    seeds.map(([id]) => deps.recommendations.top(scope.boughtWith(id), 10)),
  );
  const viewedProducts = await deps.lookupProducts(seeds.map(([id]) => id));
  const categories = [
    ...new Set(seeds.map(([id]) => viewedProducts.get(id)?.category).filter((c): c is string => !!c)),
  ];
  const [pairLists, bestLists] = await Promise.all([
    pairListsPending,
    Promise.all(categories.map((category) => deps.recommendations.top(scope.bestSellers(category), 10))),
  ]);
  const scores = new Map<string, { score: number; reason: RecommendedProduct['reason'] }>();
  const add = (productId: string, score: number, reason: RecommendedProduct['reason']) => {
    const current = scores.get(productId) ?? { score: 0, reason };
    current.score += score;
    // A co-purchase is the stronger reason to show, whatever else also points at the product.
    if (reason === 'bought_together') current.reason = reason;
    scores.set(productId, current);
  };
  pairLists.forEach((pairs, i) => {
    for (const pair of pairs) add(pair.productId, pair.score * seeds[i]![1], 'bought_together');
  });
  for (const best of bestLists)
    for (const entry of best) add(entry.productId, entry.score * 0.1, 'same_category');
  const exclude = new Set([...weights.keys(), ...bought]);
  const ranked = [...scores]
    .map(([productId, value]) => ({ productId, score: value.score, reason: value.reason }))
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
  return { basis: 'history', items: await present(ranked, exclude, options.limit, deps) };
}

/** Keeps products still on sale and in stock, in order, and shapes them for the response. */
async function present(
  candidates: Array<{ productId: string; score: number; reason: RecommendedProduct['reason'] }>,
  exclude: Set<string>,
  limit: number,
  deps: RecommendationsDeps,
): Promise<RecommendedProduct[]> {
  const wanted = candidates.filter((candidate) => !exclude.has(candidate.productId)).slice(0, limit * 2 + 5);
  const products = await deps.lookupProducts(wanted.map((candidate) => candidate.productId));
  const items: RecommendedProduct[] = [];
  for (const candidate of wanted) {
    const product = products.get(candidate.productId);
    if (!product?.listed || product.status === 'out_of_stock') continue;
    items.push({
      product_id: product.productId,
      title: product.title,
      category: product.category,
      ...moneyFields('price', product.priceCents),
      currency: product.currency,
      image: product.imageUrl,
      score: Math.round(candidate.score * 100) / 100,
      reason: candidate.reason,
    });
    if (items.length === limit) break;
  }
  return items;
}
