import type { ServiceManifest } from '../../shared/manifests/types';
import { identityRoutes } from './routes';

/** Identity's entries in the platform manifests (gathered by functions/manifest.ts). */
export const identityManifest: ServiceManifest = {
  service: 'identity',
  routes: identityRoutes,
  tables: [
    {
      id: 'users',
      envVar: 'USERS_TABLE_NAME',
      owner: 'identity',
      partitionKey: 'pk',
      sortKey: 'sk',
    },
  ],
};
