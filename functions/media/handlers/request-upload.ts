import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { mediaDeps } from '../deps';
import { requestImageUploadRoute } from '../routes';
import { requestImageUpload } from '../service';

export const handler = httpHandler(requestImageUploadRoute, async ({ params, body, user }) =>
  created(await requestImageUpload(user, params.product_id, body, mediaDeps())),
);
