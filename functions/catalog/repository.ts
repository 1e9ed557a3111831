import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { isConditionFailure } from '../../shared/dynamo-errors';
import { queryPage } from '../../shared/dynamo-query';
import type { TransactItem } from '../../shared/guarded-transaction';
import { averageRating } from '../../shared/rating';
import type { StockStatus } from '../inventory/stock-records';
import { departmentOf } from './categories';
import { ProductVersionConflictError } from './errors';
import { NO_RATINGS, type ProductRecord, statusOf } from './product';
import type { ProductStore } from './store';

type Item = Record<string, unknown>;

export const productKey = (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'PRODUCT' });
const key = { product: productKey };

export const PRODUCT_GSI = {
  bySeller: 'BySeller',
} as const;

export function toItem(product: ProductRecord): Item {
  return {
    ...key.product(product.productId),
    type: 'PRODUCT',
    product_id: product.productId,
    seller_id: product.sellerId,
    title: product.title,
    description: product.description,
    category: product.category,
    department: departmentOf(product.category),
    price_cents: product.priceCents,
    compare_at_price_cents: product.compareAtPriceCents,
    currency: product.currency,
    images: product.images,
    avg_rating: product.avgRating,
    review_count: product.reviewCount,
    rating_histogram: product.ratingHistogram,
    rating_version: product.ratingVersion,
    stock_status: product.stockStatus,
    stock_version: product.stockVersion,
    listing: product.listing,
    status: statusOf(product),
    version: product.version,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
  };
}

export function fromItem(item: Item): ProductRecord {
  return {
    productId: item.product_id as string,
    sellerId: item.seller_id as string,
    title: item.title as string,
    description: (item.description as string) ?? '',
    category: item.category as string,
    priceCents: item.price_cents as number,
    compareAtPriceCents: (item.compare_at_price_cents as number | null | undefined) ?? null,
    currency: item.currency as string,
    images: (item.images as ProductRecord['images']) ?? [],
    avgRating: (item.avg_rating as number) ?? 0,
    reviewCount: (item.review_count as number) ?? 0,
    ratingHistogram: (item.rating_histogram as ProductRecord['ratingHistogram'] | undefined) ?? NO_RATINGS,
    ratingVersion: (item.rating_version as number) ?? 0,
    stockStatus: item.stock_status as StockStatus,
    stockVersion: (item.stock_version as number) ?? 0,
    listing: item.listing as ProductRecord['listing'],
    version: item.version as number,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string,
  };
}

export function productRepository(doc: DynamoDBDocumentClient, tableName: string): ProductStore {
  return {
    /** Writes the product and the stock record inventory built for it, both or neither. */
    async createWithStock(product: ProductRecord, stockRecordPut: TransactItem): Promise<void> {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: toItem(product),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            stockRecordPut,
          ],
        }),
      );
    },

    async get(productId: string): Promise<ProductRecord | undefined> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key.product(productId) }));
      return Item ? fromItem(Item) : undefined;
    },

    /**
     * Replaces the product if nobody changed it since it was read: neither the seller's fields
     * (`version`) nor the stock or rating that events keep current (their versions).
     */
    async save(product: ProductRecord, expectedVersion: number): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(product),
            ConditionExpression:
              'version = :expected AND stock_version = :stock AND rating_version = :rating',
            ExpressionAttributeValues: {
              ':expected': expectedVersion,
              ':stock': product.stockVersion,
              ':rating': product.ratingVersion,
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ProductVersionConflictError();
        throw error;
      }
    },

    /** A seller's products, newest first. */
    async listBySeller(
      sellerId: string,
      options: { limit: number; cursor?: string; status?: string },
    ): Promise<{ items: ProductRecord[]; nextCursor: string | null }> {
      const page = await queryPage(
        doc,
        {
          TableName: tableName,
          IndexName: PRODUCT_GSI.bySeller,
          KeyConditionExpression: 'seller_id = :seller',
          FilterExpression: options.status ? '#status = :status' : '#status <> :deleted',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: options.status
            ? { ':seller': sellerId, ':status': options.status }
            : { ':seller': sellerId, ':deleted': 'deleted' },
          ScanIndexForward: false,
        },
        options.limit,
        decodeCursor(options.cursor, { seller_id: sellerId }),
      );
      return { items: page.items.map(fromItem), nextCursor: encodeCursor(page.lastKey) };
    },

    /**
     * Applies a StockChanged snapshot if it is newer than the one held; the shopper-facing
     * status follows (an active listing with no stock shows `out_of_stock`). Conditional on the
     * stock version and on the listing read, so late events never undo newer state.
     */
    async applyStock(productId: string, stockStatus: StockStatus, stockVersion: number): Promise<boolean> {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const product = await this.get(productId);
        if (!product || product.stockVersion >= stockVersion) return false;
        try {
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: key.product(productId),
              UpdateExpression: 'SET stock_status = :stock, stock_version = :version, #status = :status',
              ConditionExpression: 'stock_version < :version AND listing = :listing',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':stock': stockStatus,
                ':version': stockVersion,
                ':listing': product.listing,
                ':status': statusOf({ listing: product.listing, stockStatus }),
              },
            }),
          );
          return true;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return false;
    },

    /** Applies a RatingChanged snapshot if it is newer than the one held (late events never undo newer state). */
    async applyRating(
      productId: string,
      rating: { sum: number; count: number; histogram: ProductRecord['ratingHistogram'] },
      ratingVersion: number,
    ): Promise<boolean> {
      const average = averageRating(rating.sum, rating.count);
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.product(productId),
            UpdateExpression:
              'SET avg_rating = :average, review_count = :count, rating_histogram = :histogram, rating_version = :version',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(rating_version) OR rating_version < :version)',
            ExpressionAttributeValues: {
              ':average': average,
              ':count': rating.count,
              ':histogram': rating.histogram,
              ':version': ratingVersion,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async getMany(productIds: string[]): Promise<ProductRecord[]> {
      const found = new Map<string, ProductRecord>();
      for (let i = 0; i < productIds.length; i += 100) {
        let keys: Item[] | undefined = productIds.slice(i, i + 100).map((id) => key.product(id));
        while (keys && keys.length > 0) {
          const result = await doc.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
          );
          for (const item of result.Responses?.[tableName] ?? []) {
            const product = fromItem(item);
            found.set(product.productId, product);
          }
          keys = result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined;
        }
      }
      return productIds.flatMap((id) => found.get(id) ?? []);
    },
  };
}
