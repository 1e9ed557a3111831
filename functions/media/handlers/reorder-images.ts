import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { mediaDeps } from '../deps';
import { reorderImagesRoute } from '../routes';
import { reorderProductImages } from '../service';

export const handler = httpHandler(reorderImagesRoute, async ({ params, body, user }) =>
  ok(await reorderProductImages(user, params.product_id, body.image_ids, mediaDeps())),
);
