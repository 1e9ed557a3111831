import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { inventoryDeps } from '../deps';
import { shardStockRoute } from '../routes';
import { enableSharding } from '../service';

export const handler = httpHandler(shardStockRoute, async ({ params, body, user }) =>
  ok(
    await enableSharding(
      params.product_id,
      { userId: user.userId, isAdmin: user.roles.includes('admin') },
      body.shard_count,
      inventoryDeps(),
    ),
  ),
);
