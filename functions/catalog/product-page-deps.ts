import { isEnabled } from '../../shared/feature-flags';
import { logger } from '../../shared/logger';
import { catalogDeps } from './deps';
import type { ProductPageDeps } from './product-page';

/** The product page reads only the catalog's page record; the switches come from the feature flags. */
export function productPageDeps(): ProductPageDeps {
  return {
    pages: catalogDeps().pages,
    isEnabled,
    leftOut: (feature, error) =>
      logger.warn('Left an optional part out of the product page', { feature, error: error.message }),
  };
}
