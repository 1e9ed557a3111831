import type { ServiceManifest } from '../../shared/manifests/types';
import { StockChanged } from '../inventory/events';
import { RatingChanged } from '../reviews/events';
import { searchRoutes } from './routes';

/** Search's entries in the platform manifests (gathered by functions/manifest.ts). It owns no table: its index is OpenSearch (embedded locally). */
export const searchManifest: ServiceManifest = {
  service: 'search',
  routes: searchRoutes,
  rules: [
    {
      id: 'SearchOnStockChanged',
      description: 'Keep the in-stock filter of the search index true',
      pattern: StockChanged.pattern,
      handler: 'functions/search/handlers/on-stock-changed.handler',
      uses: { search: true },
    },
    {
      id: 'SearchOnRatingChanged',
      description: 'Keep ratings in the search index (rating sort and filter) true',
      pattern: RatingChanged.pattern,
      handler: 'functions/search/handlers/on-rating-changed.handler',
      uses: { search: true },
    },
  ],
  streams: [
    {
      id: 'IndexProducts',
      table: 'products',
      handler: 'functions/search/handlers/index-products.handler',
      batchSize: 100,
      maxRetries: 5,
      uses: { search: true },
    },
  ],
};
