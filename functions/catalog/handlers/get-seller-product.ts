import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { catalogDeps } from '../deps';
import { getSellerProductRoute } from '../routes';
import { getSellerProduct } from '../service';

export const handler = httpHandler(getSellerProductRoute, async ({ params, user }) =>
  ok(await getSellerProduct(user, params.product_id, catalogDeps())),
);
