import { NotFoundError } from '../../shared/errors';
import type { Feature } from '../../shared/feature-flags';
import { moneyFields } from '../../shared/money';
import type { RecommendedProduct } from '../recommendations/service';
import type { RatingSummaryType as RatingSummary } from '../reviews/schemas';
import { isPublic, type ProductRecord, statusOf } from './product';
import type { ProductView } from './schemas';
import { productView } from './service';
import type { PagePartner, PartnerSnapshot, ProductPageStore, ProductStore } from './store';

export interface ProductPageDeps {
  pages: ProductPageStore;
  isEnabled: (feature: Feature) => Promise<boolean>;
  /** Told of an optional part left out because its switch could not be read. */
  leftOut: (feature: Feature, error: Error) => void;
}

export type ProductPage = ProductView & {
  reviews?: RatingSummary;
  frequently_bought_together?: RecommendedProduct[];
};

/** How many partners the page shows. */
export const BOUGHT_TOGETHER_SHOWN = 4;

/**
 * The product page from one read of its record (the product with its rating summary, and the
 * partners recommendations published, kept current by events). The optional parts follow
 * their switches: off for a sale, or unreadable, they are left out and the page still answers.
 */
export async function productPage(productId: string, deps: ProductPageDeps): Promise<ProductPage> {
  const [record, showReviews, showTogether] = await Promise.all([
    deps.pages.get(productId),
    switchedOn('reviews', deps),
    switchedOn('recommendations', deps),
  ]);
  if (!record || !isPublic(record.product)) throw new NotFoundError('Product');
  const { product } = record;
  return {
    ...productView(product),
    ...(showReviews
      ? {
          reviews: {
            average: product.avgRating,
            count: product.reviewCount,
            histogram: product.ratingHistogram,
          },
        }
      : {}),
    ...(showTogether ? { frequently_bought_together: onSale(record.boughtTogether) } : {}),
  };
}

async function switchedOn(feature: Feature, deps: ProductPageDeps): Promise<boolean> {
  try {
    return await deps.isEnabled(feature);
  } catch (error) {
    deps.leftOut(feature, error as Error);
    return false;
  }
}

/** Partners still for sale and in stock, best first; a drafted, deleted or sold-out one drops off. */
function onSale(partners: PagePartner[]): RecommendedProduct[] {
  return partners
    .filter(({ product }) => product.status === 'active')
    .slice(0, BOUGHT_TOGETHER_SHOWN)
    .map(({ score, product }) => ({
      product_id: product.productId,
      title: product.title,
      category: product.category,
      ...moneyFields('price', product.priceCents),
      currency: product.currency,
      image: product.imageUrl,
      score: Math.round(score * 100) / 100,
      reason: 'bought_together' as const,
    }));
}

export interface PageUpdateDeps {
  products: ProductStore;
  pages: ProductPageStore;
}

/**
 * BoughtTogetherChanged: the page takes the newer partner list with a copy of each partner.
 * A partner may change between that copy and the list being written, before its own change
 * could find this page; so once written, each copy is refreshed from a fresh read (only ever
 * forward, by the partner's versions).
 */
export async function applyBoughtTogether(
  productId: string,
  partners: Array<{ product_id: string; score: number }>,
  version: number,
  deps: PageUpdateDeps,
): Promise<boolean> {
  const read = async () =>
    new Map(
      (await deps.products.getMany(partners.map((partner) => partner.product_id))).map((product) => [
        product.productId,
        partnerSnapshot(product),
      ]),
    );
  const copies = await read();
  const replaced = await deps.pages.replacePartners(
    productId,
    partners.flatMap(({ product_id, score }) => {
      const product = copies.get(product_id);
      return product ? [{ score, product }] : [];
    }),
    version,
  );
  if (replaced) for (const fresh of (await read()).values()) await deps.pages.copyPartner(productId, fresh);
  return replaced;
}

/** ProductChanged or StockChanged of a product: every page that lists it as a partner copies it anew. */
export async function refreshPartnerPages(productId: string, deps: PageUpdateDeps): Promise<number> {
  // Most products are nobody's partner: one query, and nothing to read.
  const pageIds = await deps.pages.pagesListing(productId);
  if (pageIds.length === 0) return 0;
  const product = await deps.products.get(productId);
  if (!product) return 0;
  let refreshed = 0;
  for (const pageId of pageIds)
    if (await deps.pages.copyPartner(pageId, partnerSnapshot(product))) refreshed++;
  return refreshed;
}

/** What a page copies of a partner, with the versions that order copies. */
export function partnerSnapshot(product: ProductRecord): PartnerSnapshot {
  return {
    productId: product.productId,
    title: product.title,
    category: product.category,
    priceCents: product.priceCents,
    currency: product.currency,
    imageUrl: product.images[0]?.url ?? null,
    status: statusOf(product),
    version: product.version,
    stockVersion: product.stockVersion,
  };
}
