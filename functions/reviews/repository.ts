import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { cancellationReasons, isConditionFailure } from '../../shared/dynamo-errors';
import { queryPage } from '../../shared/dynamo-query';
import { guardedTransaction, markerPut, type TransactItem } from '../../shared/guarded-transaction';
import { AlreadyReviewedError, AlreadyVotedError } from './errors';
import type { RatingAggregate, ReviewRecord, ReviewSort, ReviewStore } from './store';

type Item = Record<string, unknown>;

export const REVIEW_GSI = {
  newest: 'ByProductNewest',
  helpful: 'ByProductHelpful',
  rating: 'ByProductRating',
} as const;

const key = {
  review: (productId: string, userId: string) => ({ pk: `PRODUCT#${productId}`, sk: `REVIEW#${userId}` }),
  reviewId: (reviewId: string) => ({ pk: `REVIEW#${reviewId}`, sk: 'REVIEW' }),
  rating: (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'RATING' }),
  vote: (reviewId: string, userId: string) => ({ pk: `REVIEW#${reviewId}`, sk: `VOTE#${userId}` }),
};

/** Sort keys that make each listing one index query: helpful count padded so strings sort as numbers. */
const helpfulKey = (count: number, createdAt: string) => `${String(count).padStart(9, '0')}#${createdAt}`;
const ratingKey = (rating: number, createdAt: string) => `${rating}#${createdAt}`;

function toItem(review: ReviewRecord): Item {
  return {
    ...key.review(review.productId, review.userId),
    type: 'REVIEW',
    review_id: review.reviewId,
    product_id: review.productId,
    review_product: review.productId,
    user_id: review.userId,
    author_name: review.authorName,
    rating: review.rating,
    title: review.title,
    body: review.body,
    verified_purchase: review.verifiedPurchase,
    helpful_count: review.helpfulCount,
    helpful_key: helpfulKey(review.helpfulCount, review.createdAt),
    rating_key: ratingKey(review.rating, review.createdAt),
    created_at: review.createdAt,
    updated_at: review.updatedAt,
  };
}

function fromItem(item: Item): ReviewRecord {
  return {
    reviewId: item.review_id as string,
    productId: item.product_id as string,
    userId: item.user_id as string,
    authorName: item.author_name as string,
    rating: item.rating as number,
    title: item.title as string,
    body: item.body as string,
    verifiedPurchase: item.verified_purchase === true,
    helpfulCount: (item.helpful_count as number | undefined) ?? 0,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string,
  };
}

/**
 * The items a product's reviews are stored as, its rating aggregate (version 1) among them,
 * for loading a catalog in bulk before anything else runs (the local demo seed).
 */
export function reviewedProductItems(productId: string, reviews: ReviewRecord[], now: string): Item[] {
  const histogram: Record<string, number> = {};
  for (const review of reviews) histogram[`h${review.rating}`] = (histogram[`h${review.rating}`] ?? 0) + 1;
  return [
    ...reviews.flatMap((review) => [
      toItem(review),
      { ...key.reviewId(review.reviewId), type: 'REVIEW_ID', product_id: productId, user_id: review.userId },
    ]),
    {
      ...key.rating(productId),
      type: 'RATING',
      rating_sum: reviews.reduce((sum, review) => sum + review.rating, 0),
      rating_count: reviews.length,
      ...histogram,
      version: 1,
      updated_at: now,
    },
  ];
}

/**
 * Reviews (one per user per product: the user is in the key), and each product's rating
 * aggregate — sum, count and histogram — changed in the same transaction as every review
 * create, edit and delete, with ADD so concurrent reviewers never lose each other's updates.
 */
export function reviewRepository(doc: DynamoDBDocumentClient, tableName: string): ReviewStore {
  const aggregateUpdate = (
    productId: string,
    changes: { sum: number; count: number; histogram: Partial<Record<number, number>> },
    now: string,
  ): TransactItem => {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':sum': changes.sum,
      ':count': changes.count,
      ':one': 1,
      ':now': now,
    };
    const adds = ['rating_sum :sum', 'rating_count :count', 'version :one'];
    for (const [star, delta] of Object.entries(changes.histogram)) {
      if (!delta) continue;
      names[`#h${star}`] = `h${star}`;
      values[`:h${star}`] = delta;
      adds.push(`#h${star} :h${star}`);
    }
    return {
      Update: {
        TableName: tableName,
        Key: key.rating(productId),
        UpdateExpression: `ADD ${adds.join(', ')} SET updated_at = :now, #type = :type`,
        ExpressionAttributeNames: { ...names, '#type': 'type' },
        ExpressionAttributeValues: { ...values, ':type': 'RATING' },
      },
    };
  };

  const repository = {
    async create(review: ReviewRecord): Promise<void> {
      const written = await guardedTransaction(doc, [
        {
          Put: {
            TableName: tableName,
            Item: toItem(review),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...key.reviewId(review.reviewId),
              type: 'REVIEW_ID',
              product_id: review.productId,
              user_id: review.userId,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        aggregateUpdate(
          review.productId,
          { sum: review.rating, count: 1, histogram: { [review.rating]: 1 } },
          review.createdAt,
        ),
      ]);
      if (!written) throw new AlreadyReviewedError();
    },

    /** Sets the verified-purchase badge of a user's review of a product; false when there is no such review. */
    async setVerifiedPurchase(productId: string, userId: string, verified: boolean): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.review(productId, userId),
            UpdateExpression: 'SET verified_purchase = :verified',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':verified': verified },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async findById(reviewId: string): Promise<ReviewRecord | undefined> {
      const { Item: index } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.reviewId(reviewId) }),
      );
      if (!index) return undefined;
      const { Item } = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: key.review(index.product_id as string, index.user_id as string),
          ConsistentRead: true,
        }),
      );
      return Item ? fromItem(Item) : undefined;
    },

    /** Replaces a review's text and rating, moving the aggregate by the difference — conditional on the rating read. */
    async update(before: ReviewRecord, after: ReviewRecord): Promise<boolean> {
      const histogram: Record<number, number> = {};
      if (before.rating !== after.rating) {
        histogram[before.rating] = -1;
        histogram[after.rating] = 1;
      }
      return guardedTransaction(doc, [
        {
          Put: {
            TableName: tableName,
            Item: toItem(after),
            // The badge too: the orders' events may change it while the author edits.
            ConditionExpression:
              'rating = :rating AND helpful_count = :helpful AND verified_purchase = :verified',
            ExpressionAttributeValues: {
              ':rating': before.rating,
              ':helpful': before.helpfulCount,
              ':verified': before.verifiedPurchase,
            },
          },
        },
        aggregateUpdate(
          after.productId,
          { sum: after.rating - before.rating, count: 0, histogram },
          after.updatedAt,
        ),
      ]);
    },

    async remove(review: ReviewRecord, now: string): Promise<boolean> {
      return guardedTransaction(doc, [
        {
          Delete: {
            TableName: tableName,
            Key: key.review(review.productId, review.userId),
            ConditionExpression: 'rating = :rating',
            ExpressionAttributeValues: { ':rating': review.rating },
          },
        },
        { Delete: { TableName: tableName, Key: key.reviewId(review.reviewId) } },
        aggregateUpdate(
          review.productId,
          { sum: -review.rating, count: -1, histogram: { [review.rating]: -1 } },
          now,
        ),
      ]);
    },

    /** One helpful vote per user per review: the vote marker and the count change together. */
    async voteHelpful(review: ReviewRecord, userId: string, now: string): Promise<'voted' | 'changed'> {
      const count = review.helpfulCount + 1;
      try {
        const voted = await guardedTransaction(doc, [
          markerPut(tableName, { ...key.vote(review.reviewId, userId), type: 'VOTE', created_at: now }),
          {
            Update: {
              TableName: tableName,
              Key: key.review(review.productId, review.userId),
              UpdateExpression: 'SET helpful_count = :count, helpful_key = :key',
              ConditionExpression: 'helpful_count = :read',
              ExpressionAttributeValues: {
                ':count': count,
                ':key': helpfulKey(count, review.createdAt),
                ':read': review.helpfulCount,
              },
            },
          },
        ]);
        if (!voted) throw new AlreadyVotedError();
        return 'voted';
      } catch (error) {
        if (cancellationReasons(error)?.[1] === 'ConditionalCheckFailed') return 'changed';
        throw error;
      }
    },

    async aggregate(productId: string): Promise<RatingAggregate> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.rating(productId), ConsistentRead: true }),
      );
      const h = (star: number) => (Item?.[`h${star}`] as number | undefined) ?? 0;
      return {
        sum: (Item?.rating_sum as number | undefined) ?? 0,
        count: (Item?.rating_count as number | undefined) ?? 0,
        histogram: { 1: h(1), 2: h(2), 3: h(3), 4: h(4), 5: h(5) },
        version: (Item?.version as number | undefined) ?? 0,
      };
    },

    async list(
      productId: string,
      options: { sort: ReviewSort; rating?: number; limit: number; cursor?: string },
    ): Promise<{ items: ReviewRecord[]; nextCursor: string | null }> {
      const byRating = options.sort === 'rating_desc' || options.sort === 'rating_asc';
      const index = byRating
        ? REVIEW_GSI.rating
        : options.sort === 'helpful'
          ? REVIEW_GSI.helpful
          : REVIEW_GSI.newest;
      const useRatingKey = byRating && options.rating !== undefined;
      const page = await queryPage(
        doc,
        {
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: useRatingKey
            ? 'review_product = :product AND begins_with(rating_key, :star)'
            : 'review_product = :product',
          FilterExpression: options.rating !== undefined && !useRatingKey ? 'rating = :rating' : undefined,
          ExpressionAttributeValues: {
            ':product': productId,
            ...(useRatingKey ? { ':star': `${options.rating}#` } : {}),
            ...(options.rating !== undefined && !useRatingKey ? { ':rating': options.rating } : {}),
          },
          ScanIndexForward: options.sort === 'rating_asc',
        },
        options.limit,
        decodeCursor(options.cursor, { review_product: productId }),
      );
      return { items: page.items.map(fromItem), nextCursor: encodeCursor(page.lastKey) };
    },
  };
  return repository;
}
