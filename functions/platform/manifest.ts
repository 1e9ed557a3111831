import type { ServiceManifest } from '../../shared/manifests/types';
import { rateLimitsTable } from '../../shared/rate-limit';
import { platformRoutes } from './routes';

/**
 * What belongs to no one service: the cross-cutting rate-limits table, and the API's own front
 * door (health, the OpenAPI document, the docs page), served by the same handlers on AWS and locally.
 */
export const platformManifest: ServiceManifest = {
  service: 'platform',
  routes: platformRoutes,
  tables: [rateLimitsTable],
};
