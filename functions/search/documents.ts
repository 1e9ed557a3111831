import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ProductRemoval, SearchDocument, StockStatus } from './search-index';

/** What one products-table item asks of the search index. */
export type SearchChange = { upsert: SearchDocument } | { remove: ProductRemoval };

/**
 * A products-table item (a stream image, typed or plain) as a change to the index: a public
 * product is upserted; a draft, a deleted product or one gone from the table (`removed`) is
 * removed at its version, so the index keeps that version against late older upserts.
 * Undefined for items of the table that are not products.
 */
export function searchChangeOf(
  image: Record<string, AttributeValue> | Record<string, unknown>,
  removed = false,
): SearchChange | undefined {
  const item = plainItem(image);
  if (item.type !== 'PRODUCT') return undefined;
  const document = removed ? undefined : searchDocumentOf(item);
  if (document) return { upsert: document };
  const { product_id: productId, version } = item;
  if (typeof productId !== 'string' || typeof version !== 'number') {
    throw new Error('A product item without product_id or version');
  }
  return { remove: { product_id: productId, version } };
}

/**
 * A products-table item (as the stream carries it) as the search index holds it, or
 * undefined when the product must not be searchable (a draft or a deleted product).
 */
export function searchDocumentOf(
  image: Record<string, AttributeValue> | Record<string, unknown>,
): SearchDocument | undefined {
  const item = plainItem(image);
  if (item.type !== 'PRODUCT') return undefined;
  const status = item.status as string;
  if (status === 'draft' || status === 'deleted') return undefined;
  const images = (item.images as Array<{ url: string }> | undefined) ?? [];
  return {
    product_id: item.product_id as string,
    seller_id: item.seller_id as string,
    title: item.title as string,
    description: (item.description as string | undefined) ?? '',
    category: item.category as string,
    price_cents: item.price_cents as number,
    compare_at_price_cents: (item.compare_at_price_cents as number | null | undefined) ?? null,
    currency: item.currency as string,
    image_url: images[0]?.url ?? null,
    avg_rating: (item.avg_rating as number | undefined) ?? 0,
    review_count: (item.review_count as number | undefined) ?? 0,
    stock_status: item.stock_status as StockStatus,
    created_at: item.created_at as string,
    updated_at: item.updated_at as string,
    version: item.version as number,
    stock_version: (item.stock_version as number | undefined) ?? 0,
    rating_version: (item.rating_version as number | undefined) ?? 0,
  };
}

function plainItem(image: Record<string, AttributeValue> | Record<string, unknown>): Record<string, unknown> {
  return isAttributeMap(image)
    ? unmarshall(image as Record<string, AttributeValue>)
    : (image as Record<string, unknown>);
}

function isAttributeMap(image: Record<string, unknown>): boolean {
  const first = Object.values(image)[0];
  return (
    typeof first === 'object' &&
    first !== null &&
    !Array.isArray(first) &&
    Object.keys(first).length === 1 &&
    ['S', 'N', 'M', 'L', 'BOOL', 'NULL', 'SS', 'NS'].includes(Object.keys(first)[0]!)
  );
}
