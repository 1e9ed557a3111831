import { outboxRelay, writes } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { StockChanged } from '../inventory/events';
import { BoughtTogetherChanged } from '../recommendations/events';
import { RatingChanged } from '../reviews/events';
import { ProductChanged } from './events';
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
      description: 'Keep the product’s stock badge and status true, also where pages list it as a partner',
      pattern: StockChanged.pattern,
      handler: 'functions/catalog/handlers/on-stock-changed.handler',
      uses: { tables: { products: 'readWrite' } },
    },
    {
      id: 'CatalogOnRatingChanged',
      description: 'Keep the product page’s rating summary (average, count, histogram) true',
      pattern: RatingChanged.pattern,
      handler: 'functions/catalog/handlers/on-rating-changed.handler',
      uses: { tables: { products: 'readWrite' } },
    },
    {
      id: 'CatalogOnBoughtTogetherChanged',
      description: 'The product page takes the newest published bought-together partners',
      pattern: BoughtTogetherChanged.pattern,
      handler: 'functions/catalog/handlers/on-bought-together-changed.handler',
      uses: { tables: { products: 'readWrite' } },
    },
    {
      id: 'CatalogOnProductChanged',
      description: 'Pages listing the product as bought together copy its change (or drop it)',
      pattern: ProductChanged.pattern,
      handler: 'functions/catalog/handlers/on-product-changed.handler',
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
