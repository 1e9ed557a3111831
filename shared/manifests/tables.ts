import type { TableDefinition } from './types';

/** Every table, once: keys, indexes, streams and TTL. Each service owns its own. */
export const tables: TableDefinition[] = [
  {
    id: 'users',
    envVar: 'USERS_TABLE_NAME',
    owner: 'identity',
    partitionKey: 'pk',
    sortKey: 'sk',
  },
  {
    id: 'products',
    envVar: 'PRODUCTS_TABLE_NAME',
    owner: 'catalog',
    partitionKey: 'pk',
    sortKey: 'sk',
    gsis: [{ name: 'BySeller', partitionKey: 'seller_id', sortKey: 'created_at' }],
    stream: 'NEW_AND_OLD_IMAGES',
  },
  {
    id: 'inventory',
    envVar: 'INVENTORY_TABLE_NAME',
    owner: 'inventory',
    partitionKey: 'pk',
    sortKey: 'sk',
    // Sparse: only `held` reservations carry held_bucket, so the sweeper reads exactly those.
    gsis: [{ name: 'ByExpiry', partitionKey: 'held_bucket', sortKey: 'expires_at' }],
    // Stock records' images carry StockChanged (functions/inventory/events.ts).
    stream: 'NEW_AND_OLD_IMAGES',
  },
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
  {
    id: 'orders',
    envVar: 'ORDERS_TABLE_NAME',
    owner: 'orders',
    partitionKey: 'pk',
    sortKey: 'sk',
    gsis: [
      { name: 'ByUser', partitionKey: 'user_id', sortKey: 'ordered_at' },
      // Sparse: only pending orders carry pending_bucket, so the reconciler reads exactly those.
      { name: 'ByPending', partitionKey: 'pending_bucket', sortKey: 'ordered_at' },
    ],
    // The outbox: every Order… event is an item written with its change (shared/outbox.ts).
    stream: 'NEW_AND_OLD_IMAGES',
    ttlAttribute: 'expires_at', // OUTBOX_TTL_ATTRIBUTE in shared/outbox.ts
  },
  {
    id: 'payments',
    envVar: 'PAYMENTS_TABLE_NAME',
    owner: 'payments',
    partitionKey: 'pk',
    sortKey: 'sk',
    // Sparse: only `requested` refunds carry refund_bucket, so the retry schedule reads exactly those.
    gsis: [{ name: 'ByRequestedRefund', partitionKey: 'refund_bucket', sortKey: 'created_at' }],
    stream: 'NEW_AND_OLD_IMAGES',
    ttlAttribute: 'expires_at', // OUTBOX_TTL_ATTRIBUTE in shared/outbox.ts
  },
  {
    id: 'idempotency',
    envVar: 'IDEMPOTENCY_TABLE_NAME',
    owner: 'orders',
    // Powertools' idempotency layout.
    partitionKey: 'id',
    ttlAttribute: 'expiration',
  },
  {
    id: 'notifications',
    envVar: 'NOTIFICATIONS_TABLE_NAME',
    owner: 'notifications',
    partitionKey: 'pk',
    sortKey: 'sk',
  },
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
  },
  {
    id: 'rate-limits',
    envVar: 'RATE_LIMITS_TABLE_NAME',
    owner: 'platform',
    partitionKey: 'pk',
    ttlAttribute: 'expires_at',
  },
];

export function tableById(id: TableDefinition['id']): TableDefinition {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`No table ${id} in the tables manifest`);
  return table;
}
