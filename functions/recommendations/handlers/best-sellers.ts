import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { recommendationsDeps } from '../deps';
import { bestSellersRoute } from '../routes';
import { bestSellers } from '../service';

export const handler = httpHandler(bestSellersRoute, async ({ query }) =>
  ok({ category: query.category ?? null, items: await bestSellers(query, recommendationsDeps()) }),
);
