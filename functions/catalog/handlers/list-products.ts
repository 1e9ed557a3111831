import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { catalogDeps } from '../deps';
import { listProductsRoute } from '../routes';
import { listProducts } from '../service';

export const handler = httpHandler(listProductsRoute, async ({ query }) =>
  ok(await listProducts(query, catalogDeps())),
);
