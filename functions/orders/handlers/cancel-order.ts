import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { cancelOrder } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';
import { cancelOrderRoute } from '../routes';
import { orderView } from '../service';

export const handler = httpHandler(cancelOrderRoute, async ({ params, user }) =>
  ok(orderView(await cancelOrder(user, params.order_id, fulfilmentDeps()))),
);
