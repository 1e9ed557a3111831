import { noContent } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { mediaDeps } from '../deps';
import { deleteImageRoute } from '../routes';
import { deleteProductImage } from '../service';

export const handler = httpHandler(deleteImageRoute, async ({ params, user }) => {
  await deleteProductImage(user, params.product_id, params.image_id, mediaDeps());
  return noContent();
});
