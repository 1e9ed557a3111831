import { accepted } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { recommendationsDeps } from '../deps';
import { viewBeaconRoute } from '../routes';
import { recordView } from '../service';

export const handler = httpHandler(viewBeaconRoute, async ({ body, user }) => {
  await recordView(user?.userId, body.product_id, 1, recommendationsDeps());
  return accepted({ accepted: true as const });
});
