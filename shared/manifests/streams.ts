import type { StreamDefinition } from './types';

/** DynamoDB stream → handler mappings. */
export const streams: StreamDefinition[] = [];
