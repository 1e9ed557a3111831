import type { ServiceManifest } from '../../shared/manifests/types';
import { notificationRoutes } from './routes';

/** The notifications service's entries in the platform manifests (gathered by functions/manifest.ts). */
export const notificationsManifest: ServiceManifest = {
  service: 'notifications',
  routes: notificationRoutes,
  tables: [
    {
      id: 'notifications',
      envVar: 'NOTIFICATIONS_TABLE_NAME',
      owner: 'notifications',
      partitionKey: 'pk',
      sortKey: 'sk',
    },
  ],
  rules: [
    {
      id: 'NotifyOnOrderAndStockEvents',
      description: 'One notification per event per user (buyers, and sellers for new orders and low stock)',
      pattern: {
        source: ['bazaar.orders', 'bazaar.inventory'],
        'detail-type': [
          'OrderPaid',
          'OrderFailed',
          'OrderCancelled',
          'OrderShipped',
          'OrderDelivered',
          'OrderRefunded',
          'StockLow',
        ],
      },
      handler: 'functions/notifications/handlers/on-event.handler',
      uses: { tables: { notifications: 'readWrite', users: 'read' }, email: true },
    },
  ],
};
