import { outboxRelay } from '../../../shared/outbox';
import { inventoryDeps } from '../deps';
import { stockEventsOf } from '../events';

/** Stream target: StockChanged and StockLow from the inventory table's own images, in order. */
export const handler = outboxRelay({
  entityEvents: (change) =>
    stockEventsOf(change, (productId) => inventoryDeps().inventory.getStock(productId)),
});
