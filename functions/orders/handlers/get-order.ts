import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { orderStore } from '../deps';
import { getOrderRoute } from '../routes';
import { getOrder } from '../service';

export const handler = httpHandler(getOrderRoute, async ({ params, user }) =>
  ok(await getOrder(user, params.order_id, orderStore())),
);
