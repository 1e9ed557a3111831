import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { catalogDeps } from '../deps';
import { listSellerProductsRoute } from '../routes';
import { listSellerProducts } from '../service';

export const handler = httpHandler(listSellerProductsRoute, async ({ query, user }) =>
  ok(await listSellerProducts(user.userId, query, catalogDeps())),
);
