import { outboxRelay, writes } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { reviewRoutes } from './routes';

/** The reviews service's entries in the platform manifests (gathered by functions/manifest.ts). */
export const reviewsManifest: ServiceManifest = {
  service: 'reviews',
  routes: reviewRoutes,
  tables: [
    {
      id: 'reviews',
      envVar: 'REVIEWS_TABLE_NAME',
      owner: 'reviews',
      partitionKey: 'pk',
      sortKey: 'sk',
      gsis: [
        { name: 'ByProductNewest', partitionKey: 'review_product', sortKey: 'created_at' },
        { name: 'ByProductHelpful', partitionKey: 'review_product', sortKey: 'helpful_key' },
        { name: 'ByProductRating', partitionKey: 'review_product', sortKey: 'rating_key' },
      ],
      // The rating aggregate's images carry RatingChanged (functions/reviews/events.ts).
      stream: 'NEW_AND_OLD_IMAGES',
    },
  ],
  rules: [
    {
      id: 'ReviewsOnOrderChanged',
      description: 'A review’s verified-purchase badge follows the order: paid, cancelled, refunded',
      pattern: { source: ['bazaar.orders'], 'detail-type': ['OrderPaid', 'OrderCancelled', 'OrderRefunded'] },
      handler: 'functions/reviews/handlers/on-order-changed.handler',
      uses: { tables: { reviews: 'readWrite', orders: 'read' } },
    },
  ],
  streams: [
    outboxRelay('RelayReviewEvents', 'reviews', 'reviews', {
      ...writes,
      dynamodb: { NewImage: { type: { S: ['RATING', 'REVIEW'] } } },
    }),
  ],
};
