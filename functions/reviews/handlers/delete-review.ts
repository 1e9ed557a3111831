import { noContent } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { reviewsDeps } from '../deps';
import { deleteReviewRoute } from '../routes';
import { deleteReview } from '../service';

export const handler = httpHandler(deleteReviewRoute, async ({ params, user }) => {
  await deleteReview(user, params.review_id, reviewsDeps());
  return noContent();
});
