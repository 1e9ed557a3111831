import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { catalogDeps } from '../deps';
import { listSellerProductsRoute } from '../routes';
import { listSellerProducts } from '../service';

export const handler = httpHandler(listSellerProductsRoute, async ({ query, user }) =>
  ok(await listSellerProducts(user.userId, query, catalogDeps())),
);
