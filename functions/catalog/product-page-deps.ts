import { isEnabled } from '../../shared/feature-flags';
import { logger } from '../../shared/logger';
import { recommendationsDeps } from '../recommendations/deps';
import { boughtTogether } from '../recommendations/service';
import { reviewsDeps } from '../reviews/deps';
import { ratingSummary } from '../reviews/service';
import { catalogDeps } from './deps';
import type { ProductPageDeps } from './product-page';

/** The product page reads reviews and recommendations too, each behind its feature switch. */
export function productPageDeps(): ProductPageDeps {
  return {
    catalog: catalogDeps(),
    ratingSummary: (productId) => ratingSummary(productId, reviewsDeps()),
    boughtTogether: (productId, limit) => boughtTogether(productId, limit, recommendationsDeps()),
    isEnabled,
    leftOut: (feature, error) =>
      logger.warn('Left an optional part out of the product page', { feature, error: error.message }),
  };
}
