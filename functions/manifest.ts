import { gatherManifests } from '../shared/manifests/gather';
import type { TableDefinition } from '../shared/manifests/types';
import { cartManifest } from './cart/manifest';
import { catalogManifest } from './catalog/manifest';
import { cdnManifest } from './cdn/manifest';
import { identityManifest } from './identity/manifest';
import { inventoryManifest } from './inventory/manifest';
import { mediaManifest } from './media/manifest';
import { notificationsManifest } from './notifications/manifest';
import { ordersManifest } from './orders/manifest';
import { paymentsManifest } from './payments/manifest';
import { platformManifest } from './platform/manifest';
import { recommendationsManifest } from './recommendations/manifest';
import { reviewsManifest } from './reviews/manifest';
import { searchManifest } from './search/manifest';

/**
 * The platform's manifests: every service declares its own entries in
 * `functions/<service>/manifest.ts`, and this is their union, read by the CDK app (cdk/) and
 * the local runtime (local/) alike. Handlers never import it. A stream has at most two readers.
 */
export const platformManifests = gatherManifests([
  identityManifest,
  catalogManifest,
  inventoryManifest,
  cartManifest,
  ordersManifest,
  paymentsManifest,
  searchManifest,
  notificationsManifest,
  mediaManifest,
  reviewsManifest,
  recommendationsManifest,
  cdnManifest,
  platformManifest,
]);

export const { routes, rules, streams, schedules, tables, stateMachines } = platformManifests;

export function tableById(id: TableDefinition['id']): TableDefinition {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`No table ${id} in the tables manifest`);
  return table;
}
