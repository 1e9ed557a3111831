import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { recommendationsDeps } from '../deps';
import { shopperRecommendationsRoute } from '../routes';
import { forShopper } from '../service';

export const handler = httpHandler(shopperRecommendationsRoute, async ({ query, user }) =>
  ok(await forShopper(user?.userId, query, recommendationsDeps()), { headers: { vary: 'authorization' } }),
);
