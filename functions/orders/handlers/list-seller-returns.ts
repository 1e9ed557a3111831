import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { orderStore } from '../deps';
import { sellerReturnsRoute } from '../routes';
import { listSellerReturns } from '../seller-lists';
import { returnView } from '../views';

export const handler = httpHandler(sellerReturnsRoute, async ({ query, user }) => {
  const page = await listSellerReturns(user.userId, query, orderStore());
  return ok({
    items: page.items.map(({ orderId, request }) => returnView(orderId, request)),
    next_cursor: page.nextCursor,
  });
});
