import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { reviewsDeps } from '../deps';
import { editReviewRoute } from '../routes';
import { editReview } from '../service';

export const handler = httpHandler(editReviewRoute, async ({ params, body, user }) =>
  ok(await editReview(user, params.review_id, body, reviewsDeps())),
);
