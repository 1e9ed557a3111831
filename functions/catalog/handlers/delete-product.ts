import { noContent } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { catalogDeps } from '../deps';
import { deleteProductRoute } from '../routes';
import { deleteProduct } from '../service';

export const handler = httpHandler(deleteProductRoute, async ({ params, user }) => {
  await deleteProduct(user, params.product_id, catalogDeps());
  return noContent();
});
