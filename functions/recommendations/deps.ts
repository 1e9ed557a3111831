import { dynamo } from '../../shared/clients';
import { intEnv, requireEnv } from '../../shared/config';
import { lookupProducts } from '../catalog/product-lookup';
import { purchasedProducts } from '../orders/order-lookup';
import { recommendationRepository } from './repository';
import type { RecommendationsDeps } from './service';

let deps: RecommendationsDeps | undefined;

export function recommendationsDeps(): RecommendationsDeps {
  deps ??= {
    recommendations: recommendationRepository(dynamo(), requireEnv('RECOMMENDATIONS_TABLE_NAME')),
    lookupProducts,
    purchasedBy: purchasedProducts,
    now: () => new Date(),
    viewTtlSeconds: intEnv('VIEW_HISTORY_TTL_SECONDS', 30 * 24 * 3600),
  };
  return deps;
}
