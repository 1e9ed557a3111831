import { dynamo } from '../../shared/clients';
import { intEnv, requireEnv } from '../../shared/config';
import { inventoryRepository } from './repository';
import type { InventoryDeps } from './service';

let deps: InventoryDeps | undefined;

export function inventoryDeps(): InventoryDeps {
  deps ??= {
    inventory: inventoryRepository(dynamo(), requireEnv('INVENTORY_TABLE_NAME')),
    now: () => new Date(),
    reservationTtlSeconds: intEnv('RESERVATION_TTL_SECONDS', 600),
  };
  return deps;
}
