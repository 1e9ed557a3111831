import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { deliverShipments } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { deliverOrderRoute } from '../routes';
import { sellerViewOf } from '../views';

export const handler = httpHandler(deliverOrderRoute, async ({ params, user }) => {
  const { order } = await deliverShipments(
    params.order_id,
    { sellerId: user.userId, actor: user },
    fulfilmentDeps(),
  );
  return ok(sellerViewOf(order, user.userId));
});
