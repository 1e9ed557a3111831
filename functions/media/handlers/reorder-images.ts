import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { mediaDeps } from '../deps';
import { reorderImagesRoute } from '../routes';
import { reorderProductImages } from '../service';

export const handler = httpHandler(reorderImagesRoute, async ({ params, body, user }) =>
  ok(await reorderProductImages(user, params.product_id, body.image_ids, mediaDeps())),
);
