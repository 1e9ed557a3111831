import type { EventPattern, StreamDefinition } from './types';

/** Only writes: a REMOVE (an outbox item or a cart expiring by TTL) announces nothing. */
const writes: EventPattern = { eventName: ['INSERT', 'MODIFY'] };
const outboxItems: EventPattern = { ...writes, dynamodb: { NewImage: { type: { S: ['OUTBOX'] } } } };

/**
 * The outbox relay of a table: its outbox items and its entities' state-change images go to
 * the bus in shard order, the same handler code on AWS and locally. A record that cannot be
 * sent holds its shard until it can (the stream keeps 24 h): retried, never skipped early.
 */
function relay(
  id: string,
  table: StreamDefinition['table'],
  service: string,
  filter: EventPattern,
  uses: StreamDefinition['uses'] = {},
): StreamDefinition {
  return {
    id,
    table,
    handler: `functions/${service}/handlers/relay-events.handler`,
    batchSize: 100,
    maxRetries: 10_000,
    filters: [filter],
    uses: { ...uses, publishesEvents: true },
  };
}

/** DynamoDB stream → handler mappings; at most two readers per stream. */
export const streams: StreamDefinition[] = [
  {
    id: 'IndexProducts',
    table: 'products',
    handler: 'functions/search/handlers/index-products.handler',
    batchSize: 100,
    maxRetries: 5,
    uses: { search: true },
  },
  relay('RelayProductEvents', 'products', 'catalog', {
    ...writes,
    dynamodb: { NewImage: { type: { S: ['PRODUCT'] } } },
  }),
  relay('RelayOrderEvents', 'orders', 'orders', outboxItems),
  relay('RelayPaymentEvents', 'payments', 'payments', outboxItems),
  relay(
    'RelayStockEvents',
    'inventory',
    'inventory',
    { ...writes, dynamodb: { Keys: { pk: { S: [{ prefix: 'STOCK#' }] } } } },
    // A shard's image holds part of a product's stock: the relay reads the whole.
    { tables: { inventory: 'read' } },
  ),
  relay('RelayReviewEvents', 'reviews', 'reviews', {
    ...writes,
    dynamodb: { NewImage: { type: { S: ['RATING', 'REVIEW'] } } },
  }),
  relay('RelayCartEvents', 'carts', 'cart', {
    ...writes,
    dynamodb: { NewImage: { type: { S: ['CART_ITEM'] } } },
  }),
];
