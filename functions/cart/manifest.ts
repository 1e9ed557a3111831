import { outboxRelay, writes } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { OrderPaid } from '../orders/events';
import { cartRoutes } from './routes';

/** The cart's entries in the platform manifests (gathered by functions/manifest.ts). */
export const cartManifest: ServiceManifest = {
  service: 'cart',
  routes: cartRoutes,
  tables: [
    {
      id: 'carts',
      envVar: 'CARTS_TABLE_NAME',
      owner: 'cart',
      partitionKey: 'pk',
      sortKey: 'sk',
      ttlAttribute: 'expires_at',
      // Line images carry CartItemAdded (functions/cart/events.ts).
      stream: 'NEW_AND_OLD_IMAGES',
    },
  ],
  rules: [
    {
      id: 'CartOnOrderPaid',
      description: 'Take the bought quantities out of the buyer’s cart',
      pattern: OrderPaid.pattern,
      handler: 'functions/cart/handlers/on-order-paid.handler',
      uses: { tables: { carts: 'readWrite', products: 'read', inventory: 'read' } },
    },
  ],
  streams: [
    outboxRelay('RelayCartEvents', 'carts', 'cart', {
      ...writes,
      dynamodb: { NewImage: { type: { S: ['CART_ITEM'] } } },
    }),
  ],
};
