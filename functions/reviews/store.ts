/**
 * What the reviews domain needs from storage. The DynamoDB adapter (repository.ts) is the one
 * implementation; the domain (service.ts) sees only this.
 */

export interface ReviewRecord {
  reviewId: string;
  productId: string;
  userId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verifiedPurchase: boolean;
  helpfulCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface RatingAggregate {
  sum: number;
  count: number;
  histogram: Record<1 | 2 | 3 | 4 | 5, number>;
  version: number;
}

export type ReviewSort = 'newest' | 'helpful' | 'rating_desc' | 'rating_asc';

/** One review per product and user, helpful votes once per user, and each product's rating aggregate. */
export interface ReviewStore {
  /** AlreadyReviewedError when the user reviewed the product before. */
  create(review: ReviewRecord): Promise<void>;
  setVerifiedPurchase(productId: string, userId: string, verified: boolean): Promise<boolean>;
  findById(reviewId: string): Promise<ReviewRecord | undefined>;
  /** False when the review changed since `before` was read. */
  update(before: ReviewRecord, after: ReviewRecord): Promise<boolean>;
  remove(review: ReviewRecord, now: string): Promise<boolean>;
  voteHelpful(review: ReviewRecord, userId: string, now: string): Promise<'voted' | 'changed'>;
  aggregate(productId: string): Promise<RatingAggregate>;
  list(
    productId: string,
    options: { sort: ReviewSort; rating?: number; limit: number; cursor?: string },
  ): Promise<{ items: ReviewRecord[]; nextCursor: string | null }>;
}
