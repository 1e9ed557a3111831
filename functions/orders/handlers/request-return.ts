import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { requestReturn } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { requestReturnRoute } from '../routes';
import { returnView } from '../views';

export const handler = httpHandler(requestReturnRoute, async ({ params, body, user }) => {
  const returns = await requestReturn(user, params.order_id, body, fulfilmentDeps());
  return created({ returns: returns.map((request) => returnView(params.order_id, request)) });
});
