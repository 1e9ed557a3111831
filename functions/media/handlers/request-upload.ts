import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { mediaDeps } from '../deps';
import { requestImageUploadRoute } from '../routes';
import { requestImageUpload } from '../service';

export const handler = httpHandler(requestImageUploadRoute, async ({ params, body, user }) =>
  created(await requestImageUpload(user, params.product_id, body, mediaDeps())),
);
