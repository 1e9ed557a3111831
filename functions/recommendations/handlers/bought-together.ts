import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { recommendationsDeps } from '../deps';
import { boughtTogetherRoute } from '../routes';
import { boughtTogether } from '../service';

export const handler = httpHandler(boughtTogetherRoute, async ({ params, query }) =>
  ok({
    type: query.type,
    items: await boughtTogether(params.product_id, query.limit, recommendationsDeps()),
  }),
);
