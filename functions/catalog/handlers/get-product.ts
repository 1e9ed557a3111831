import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { productPage } from '../product-page';
import { productPageDeps } from '../product-page-deps';
import { getProductRoute } from '../routes';

export const handler = httpHandler(getProductRoute, async ({ params }) =>
  ok(await productPage(params.product_id, productPageDeps())),
);
