import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { orderStore } from '../deps';
import { listOrdersRoute } from '../routes';
import { listOrders } from '../service';

export const handler = httpHandler(listOrdersRoute, async ({ query, user }) =>
  ok(await listOrders(user.userId, query, orderStore())),
);
