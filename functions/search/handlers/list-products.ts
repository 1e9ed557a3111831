import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { searchIndex } from '../index-factory';
import { listProductsRoute } from '../routes';
import { searchProducts } from '../service';

export const handler = httpHandler(listProductsRoute, async ({ query }) =>
  ok(await searchProducts(query, searchIndex())),
);
