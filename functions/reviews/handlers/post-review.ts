import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { reviewsDeps } from '../deps';
import { postReviewRoute } from '../routes';
import { postReview } from '../service';

export const handler = httpHandler(postReviewRoute, async ({ params, body, user }) =>
  created(await postReview(user, params.product_id, body, reviewsDeps())),
);
