import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { shipOrder } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { shipOrderRoute } from '../routes';
import { sellerViewOf } from '../views';

export const handler = httpHandler(shipOrderRoute, async ({ params, body, user }) => {
  const { order } = await shipOrder(user, params.order_id, body, fulfilmentDeps());
  return ok(sellerViewOf(order, user.userId));
});
