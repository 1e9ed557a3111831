import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { orderStore } from '../deps';
import { sellerOrdersRoute } from '../routes';
import { listSellerOrders } from '../seller-lists';
import { sellerOrderView } from '../views';

export const handler = httpHandler(sellerOrdersRoute, async ({ query, user }) => {
  const page = await listSellerOrders(user.userId, query, orderStore());
  return ok({ items: page.items.map(sellerOrderView), next_cursor: page.nextCursor });
});
