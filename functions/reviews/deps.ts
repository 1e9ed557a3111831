import { dynamo } from '../../shared/clients';
import { requireEnv } from '../../shared/config';
import { lookupProducts } from '../catalog/product-lookup';
import { contactOf } from '../identity/contact-lookup';
import { hasPurchased } from '../orders/order-lookup';
import { reviewRepository } from './repository';
import type { ReviewsDeps } from './service';

let deps: ReviewsDeps | undefined;

export function reviewsDeps(): ReviewsDeps {
  deps ??= {
    reviews: reviewRepository(dynamo(), requireEnv('REVIEWS_TABLE_NAME')),
    lookupProducts,
    hasPurchased,
    nameOf: async (userId) => (await contactOf(userId))?.name ?? 'A Bazaar customer',
    now: () => new Date(),
  };
  return deps;
}
