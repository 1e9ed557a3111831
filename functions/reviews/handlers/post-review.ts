import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { reviewsDeps } from '../deps';
import { postReviewRoute } from '../routes';
import { postReview } from '../service';

export const handler = httpHandler(postReviewRoute, async ({ params, body, user }) =>
  created(await postReview(user, params.product_id, body, reviewsDeps())),
);
