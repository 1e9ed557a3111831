import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { reviewsDeps } from '../deps';
import { listReviewsRoute } from '../routes';
import { listReviews } from '../service';

export const handler = httpHandler(listReviewsRoute, async ({ params, query }) =>
  ok(await listReviews(params.product_id, query, reviewsDeps())),
);
