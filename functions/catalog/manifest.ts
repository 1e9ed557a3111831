import { outboxRelay, writes } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { StockChanged } from '../inventory/events';
import { RatingChanged } from '../reviews/events';
import { catalogRoutes } from './routes';

/** The catalog's entries in the platform manifests (gathered by functions/manifest.ts). */
export const catalogManifest: ServiceManifest = {
  service: 'catalog',
  routes: catalogRoutes,
  tables: [
    {
      id: 'products',
      envVar: 'PRODUCTS_TABLE_NAME',
      owner: 'catalog',
      partitionKey: 'pk',
      sortKey: 'sk',
      gsis: [{ name: 'BySeller', partitionKey: 'seller_id', sortKey: 'created_at' }],
      stream: 'NEW_AND_OLD_IMAGES',
    },
  ],
  rules: [
    {
      id: 'CatalogOnStockChanged',
      description: 'Keep the product’s stock badge and out_of_stock status true',
      pattern: StockChanged.pattern,
      handler: 'functions/catalog/handlers/on-stock-changed.handler',
      uses: { tables: { products: 'readWrite' } },
    },
    {
      id: 'CatalogOnRatingChanged',
      description: 'Keep the product’s avg_rating and review_count true',
      pattern: RatingChanged.pattern,
      handler: 'functions/catalog/handlers/on-rating-changed.handler',
      uses: { tables: { products: 'readWrite' } },
    },
  ],
  streams: [
    outboxRelay('RelayProductEvents', 'products', 'catalog', {
      ...writes,
      dynamodb: { NewImage: { type: { S: ['PRODUCT'] } } },
    }),
  ],
};
