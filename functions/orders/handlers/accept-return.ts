import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { acceptReturn } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { acceptReturnRoute } from '../routes';
import { returnView } from '../views';

export const handler = httpHandler(acceptReturnRoute, async ({ params, body, user }) => {
  const { order, request } = await acceptReturn(user, params.return_id, body.resellable, fulfilmentDeps());
  return ok(returnView(order.orderId, request));
});
