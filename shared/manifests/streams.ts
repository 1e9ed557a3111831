import type { StreamDefinition } from './types';

/** DynamoDB stream → handler mappings. */
export const streams: StreamDefinition[] = [
  {
    id: 'IndexProducts',
    table: 'products',
    handler: 'functions/search/handlers/index-products.handler',
    batchSize: 100,
    maxRetries: 5,
    uses: { search: true },
  },
];
