import type { ServiceManifest } from '../../shared/manifests/types';
import { ProductChanged } from '../catalog/events';
import { StockChanged } from '../inventory/events';
import { BoughtTogetherChanged } from '../recommendations/events';
import { RatingChanged } from '../reviews/events';

const pending = { tables: { 'cdn-purges': 'readWrite' as const } };

/**
 * The CDN's purges: changes that a cached product page shows mark its paths, and a schedule
 * sends what is marked to CloudFront as one invalidation (a burst coalesces in between).
 * Search and listing pages are not purged: they expire on their own lifetime (see their routes).
 */
export const cdnManifest: ServiceManifest = {
  service: 'cdn',
  tables: [
    {
      id: 'cdn-purges',
      envVar: 'CDN_PURGES_TABLE_NAME',
      owner: 'cdn',
      partitionKey: 'path',
    },
  ],
  rules: [
    {
      id: 'PurgeOnProductPageChange',
      description: 'A product, its stock badge or its rating changed: mark its cached pages for purging',
      pattern: {
        source: [
          ProductChanged.source,
          StockChanged.source,
          RatingChanged.source,
          BoughtTogetherChanged.source,
        ],
        'detail-type': [
          ProductChanged.detailType,
          StockChanged.detailType,
          RatingChanged.detailType,
          // The page's bought-together list changed with no ProductChanged of its own.
          BoughtTogetherChanged.detailType,
        ],
      },
      handler: 'functions/cdn/handlers/mark-purge.handler',
      uses: pending,
    },
    {
      id: 'PurgeOnFeatureFlagChange',
      description: 'The feature switches changed: product pages embed reviews and recommendations',
      // SSM sends Parameter Store Change to the account's default bus; locally POST /_local/flags does.
      bus: 'default',
      pattern: {
        source: ['aws.ssm'],
        'detail-type': ['Parameter Store Change'],
        detail: { name: [{ prefix: '/bazaar/' }], operation: ['Update', 'Create'] },
      },
      handler: 'functions/cdn/handlers/mark-purge.handler',
      uses: pending,
    },
  ],
  schedules: [
    {
      id: 'FlushCdnPurges',
      description: 'Send the marked paths to CloudFront as one invalidation within its limits',
      everySeconds: 60,
      envOverride: 'CDN_PURGE_FLUSH_SECONDS',
      handler: 'functions/cdn/handlers/flush-purges.handler',
      uses: pending,
    },
  ],
};
