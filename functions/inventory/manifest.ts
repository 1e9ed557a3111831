import { outboxRelay, writes } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { inventoryRoutes } from './routes';

/** Inventory's entries in the platform manifests (gathered by functions/manifest.ts). */
export const inventoryManifest: ServiceManifest = {
  service: 'inventory',
  routes: inventoryRoutes,
  tables: [
    {
      id: 'inventory',
      envVar: 'INVENTORY_TABLE_NAME',
      owner: 'inventory',
      partitionKey: 'pk',
      sortKey: 'sk',
      // Sparse: only `held` reservations carry held_bucket, so the sweeper reads exactly those.
      gsis: [{ name: 'ByExpiry', partitionKey: 'held_bucket', sortKey: 'expires_at' }],
      // Stock records' images carry StockChanged (functions/inventory/events.ts).
      stream: 'NEW_AND_OLD_IMAGES',
    },
  ],
  streams: [
    outboxRelay(
      'RelayStockEvents',
      'inventory',
      'inventory',
      { ...writes, dynamodb: { Keys: { pk: { S: [{ prefix: 'STOCK#' }] } } } },
      // A shard's image holds part of a product's stock: the relay reads the whole.
      { tables: { inventory: 'read' } },
    ),
  ],
  schedules: [
    {
      id: 'ReleaseExpiredReservations',
      description: 'Release held reservations whose time ran out (never charging ones)',
      everySeconds: 60,
      envOverride: 'RELEASE_EXPIRED_EVERY_SECONDS',
      handler: 'functions/inventory/handlers/release-expired.handler',
      uses: { tables: { inventory: 'readWrite' } },
    },
  ],
};
