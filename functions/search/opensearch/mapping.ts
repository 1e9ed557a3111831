/**
 * The products index. Besides the document's own fields it holds:
 * - `category_path`: the category and its department, so a department browse and the category
 *   facet are plain keyword look-ups;
 * - `suggest`: a completion field fed with the phrases of the title (analysis.ts);
 * - `on_sale`: whether the compare-at price is above the price, derived when the product is
 *   written, so the on-sale filter is a term look-up rather than a script comparing two fields;
 * - `live`: false for the stand-ins the version rules need (a stock or rating event that came
 *   before its product, a tombstone left by a versioned remove). Every query filters on it.
 */
export const PRODUCT_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    product_id: { type: 'keyword' },
    seller_id: { type: 'keyword' },
    title: { type: 'text', analyzer: 'standard' },
    description: { type: 'text', analyzer: 'standard' },
    category: { type: 'keyword' },
    category_path: { type: 'keyword' },
    price_cents: { type: 'long' },
    compare_at_price_cents: { type: 'long' },
    on_sale: { type: 'boolean' },
    currency: { type: 'keyword' },
    image_url: { type: 'keyword', index: false },
    // double, not float: a float would store 4.1 as 4.0999999 and fail `min_rating: 4.1`.
    avg_rating: { type: 'double' },
    review_count: { type: 'integer' },
    stock_status: { type: 'keyword' },
    created_at: { type: 'date' },
    updated_at: { type: 'date' },
    version: { type: 'long' },
    stock_version: { type: 'long' },
    rating_version: { type: 'long' },
    live: { type: 'boolean' },
    suggest: { type: 'completion', analyzer: 'simple', preserve_separators: true, max_input_length: 60 },
  },
} as const;

export const PRODUCT_INDEX_SETTINGS = {
  // One shard keeps BM25 statistics global, so scores do not depend on which shard a product
  // landed on; a catalog of this size does not need more.
  number_of_shards: 1,
  number_of_replicas: 1,
} as const;
