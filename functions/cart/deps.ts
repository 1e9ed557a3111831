import { dynamo } from '../../shared/clients';
import { intEnv, requireEnv } from '../../shared/config';
import { lookupProducts } from '../catalog/product-lookup';
import { availabilityOf } from '../inventory/availability';
import { cartRepository } from './repository';
import type { CartDeps } from './service';

let deps: CartDeps | undefined;

export function cartDeps(): CartDeps {
  deps ??= {
    carts: cartRepository(dynamo(), requireEnv('CARTS_TABLE_NAME')),
    lookupProducts,
    availability: availabilityOf,
    now: () => new Date(),
    // One reservation is one TransactWriteItems: 50 lines leave room for sharded stock.
    maxLines: Math.min(intEnv('CART_MAX_LINES', 50), 50),
    maxQuantityPerProduct: intEnv('CART_MAX_QUANTITY_PER_PRODUCT', 10),
    anonymousTtlSeconds: intEnv('ANONYMOUS_CART_TTL_SECONDS', 30 * 24 * 3600),
  };
  return deps;
}
