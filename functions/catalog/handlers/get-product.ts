import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { catalogDeps } from '../deps';
import { getProductRoute } from '../routes';
import { getPublicProduct } from '../service';

export const handler = httpHandler(getProductRoute, async ({ params }) =>
  ok(await getPublicProduct(params.product_id, catalogDeps())),
);
