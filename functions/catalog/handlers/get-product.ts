import { isEnabled } from '../../../shared/feature-flags';
import { ok } from '../../../shared/http/responses';
import { logger } from '../../../shared/logger';
import { httpHandler } from '../../identity/http-handler';
import { recommendationsDeps } from '../../recommendations/deps';
import { boughtTogether } from '../../recommendations/service';
import { reviewsDeps } from '../../reviews/deps';
import { ratingSummary } from '../../reviews/service';
import { catalogDeps } from '../deps';
import { getProductRoute } from '../routes';
import { getPublicProduct } from '../service';

/**
 * The product page: the product, plus its rating summary and what is bought with it. Those
 * two come from optional services: switched off for a sale, or failing, they are left out
 * and the page still answers.
 */
export const handler = httpHandler(getProductRoute, async ({ params }) => {
  const product = await getPublicProduct(params.product_id, catalogDeps());
  const [reviews, together] = await Promise.all([
    optional('reviews', () => ratingSummary(product.product_id, reviewsDeps())),
    optional('recommendations', () => boughtTogether(product.product_id, 4, recommendationsDeps())),
  ]);
  return ok({
    ...product,
    ...(reviews ? { reviews } : {}),
    ...(together ? { frequently_bought_together: together } : {}),
  });
});

async function optional<T>(
  feature: 'reviews' | 'recommendations',
  load: () => Promise<T>,
): Promise<T | undefined> {
  try {
    if (!(await isEnabled(feature))) return undefined;
    return await load();
  } catch (error) {
    logger.warn('Left an optional part out of the product page', {
      feature,
      error: (error as Error).message,
    });
    return undefined;
  }
}
