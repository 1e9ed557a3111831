import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { reviewsDeps } from '../deps';
import { editReviewRoute } from '../routes';
import { editReview } from '../service';

export const handler = httpHandler(editReviewRoute, async ({ params, body, user }) =>
  ok(await editReview(user, params.review_id, body, reviewsDeps())),
);
