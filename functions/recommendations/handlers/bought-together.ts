import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { recommendationsDeps } from '../deps';
import { boughtTogetherRoute } from '../routes';
import { boughtTogether } from '../service';

export const handler = httpHandler(boughtTogetherRoute, async ({ params, query }) =>
  ok({
    type: query.type,
    items: await boughtTogether(params.product_id, query.limit, recommendationsDeps()),
  }),
);
