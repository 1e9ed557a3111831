import { outboxRelay, writes } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { CartItemAdded } from '../cart/events';
import { OrderPaid } from '../orders/events';
import { recommendationRoutes } from './routes';

/** The recommendations service's entries in the platform manifests (gathered by functions/manifest.ts). */
export const recommendationsManifest: ServiceManifest = {
  service: 'recommendations',
  routes: recommendationRoutes,
  tables: [
    {
      id: 'recommendations',
      envVar: 'RECOMMENDATIONS_TABLE_NAME',
      owner: 'recommendations',
      partitionKey: 'pk',
      sortKey: 'sk',
      // Counters ranked per scope by their numeric score: top-N is one query at any catalog size.
      gsis: [{ name: 'ByScore', partitionKey: 'score_scope', sortKey: 'score' }],
      numericKeys: ['score'],
      ttlAttribute: 'expires_at',
      // A product's published top partners carry BoughtTogetherChanged (functions/recommendations/events.ts).
      stream: 'NEW_AND_OLD_IMAGES',
    },
  ],
  rules: [
    {
      id: 'RecommendationsOnOrderPaid',
      description: 'Count co-purchases and best sellers, once per order',
      pattern: OrderPaid.pattern,
      handler: 'functions/recommendations/handlers/on-order-paid.handler',
      uses: { tables: { recommendations: 'readWrite', products: 'read' } },
    },
    {
      id: 'RecommendationsOnCartItemAdded',
      description: 'A product put in the cart is a strong browsing signal',
      pattern: CartItemAdded.pattern,
      handler: 'functions/recommendations/handlers/on-cart-item-added.handler',
      uses: { tables: { recommendations: 'readWrite' } },
    },
  ],
  streams: [
    outboxRelay('RelayRecommendationEvents', 'recommendations', 'recommendations', {
      ...writes,
      dynamodb: { NewImage: { type: { S: ['TOP_PARTNERS'] } } },
    }),
  ],
};
