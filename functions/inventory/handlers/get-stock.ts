import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { inventoryDeps } from '../deps';
import { getStockRoute } from '../routes';
import { getSellerStock } from '../service';

export const handler = httpHandler(getStockRoute, async ({ params, user }) =>
  ok(
    await getSellerStock(
      params.product_id,
      { userId: user.userId, isAdmin: user.roles.includes('admin') },
      inventoryDeps(),
    ),
  ),
);
