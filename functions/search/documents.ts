import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SearchDocument, StockStatus } from './search-index';

/**
 * A products-table item (as the stream carries it) as the search index holds it, or
 * undefined when the product must not be searchable (a draft or a deleted product).
 */
export function searchDocumentOf(
  image: Record<string, AttributeValue> | Record<string, unknown>,
): SearchDocument | undefined {
  const item = isAttributeMap(image)
    ? unmarshall(image as Record<string, AttributeValue>)
    : (image as Record<string, unknown>);
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
