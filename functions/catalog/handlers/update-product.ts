import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { catalogDeps } from '../deps';
import { updateProductRoute } from '../routes';
import { updateProduct } from '../service';

export const handler = httpHandler(updateProductRoute, async ({ params, body, user }) =>
  ok(await updateProduct(user, params.product_id, body, catalogDeps())),
);
