import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { reviewsDeps } from '../deps';
import { helpfulRoute } from '../routes';
import { markHelpful } from '../service';

export const handler = httpHandler(helpfulRoute, async ({ params, user }) =>
  ok(await markHelpful(user, params.review_id, reviewsDeps())),
);
