import type { Feature } from '../../shared/feature-flags';
import type { RecommendedProduct } from '../recommendations/service';
import type { RatingSummaryType as RatingSummary } from '../reviews/schemas';
import type { ProductView } from './schemas';
import { type CatalogDeps, getPublicProduct } from './service';

export interface ProductPageDeps {
  catalog: CatalogDeps;
  ratingSummary: (productId: string) => Promise<RatingSummary>;
  boughtTogether: (productId: string, limit: number) => Promise<RecommendedProduct[]>;
  isEnabled: (feature: Feature) => Promise<boolean>;
  /** Told of an optional part left out because it failed. */
  leftOut: (feature: Feature, error: Error) => void;
}

export type ProductPage = ProductView & {
  reviews?: RatingSummary;
  frequently_bought_together?: RecommendedProduct[];
};

/**
 * The product page: the product, plus its rating summary and what is bought with it. Those
 * two come from optional services: switched off for a sale, or failing, they are left out
 * and the page still answers.
 */
export async function productPage(productId: string, deps: ProductPageDeps): Promise<ProductPage> {
  const product = await getPublicProduct(productId, deps.catalog);
  const optional = async <T>(feature: Feature, load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return (await deps.isEnabled(feature)) ? await load() : undefined;
    } catch (error) {
      deps.leftOut(feature, error as Error);
      return undefined;
    }
  };
  const [reviews, together] = await Promise.all([
    optional('reviews', () => deps.ratingSummary(product.product_id)),
    optional('recommendations', () => deps.boughtTogether(product.product_id, 4)),
  ]);
  return {
    ...product,
    ...(reviews ? { reviews } : {}),
    ...(together ? { frequently_bought_together: together } : {}),
  };
}
