import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { searchIndex } from '../index-factory';
import { searchRoute } from '../routes';
import { searchProducts } from '../service';

export const handler = httpHandler(searchRoute, async ({ query }) =>
  ok(await searchProducts(query, searchIndex())),
);
