import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { inventoryDeps } from '../deps';
import { adjustStockRoute } from '../routes';
import { adjustStock } from '../service';

export const handler = httpHandler(adjustStockRoute, async ({ params, body, user }) =>
  ok(
    await adjustStock(
      params.product_id,
      { userId: user.userId, isAdmin: user.roles.includes('admin') },
      { stockDelta: body.stock_delta, lowStockThreshold: body.low_stock_threshold },
      inventoryDeps(),
    ),
  ),
);
