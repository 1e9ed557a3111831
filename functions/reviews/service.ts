import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { AuthUser } from '../../shared/http/route';
import { newId } from '../../shared/ids';
import { averageRating } from '../../shared/rating';
import type { ProductSummary } from '../catalog/product-lookup';
import type { RatingSummaryType, ReviewViewType } from './schemas';
import type { RatingAggregate, ReviewRecord, ReviewSort, ReviewStore } from './store';

export interface ReviewsDeps {
  reviews: ReviewStore;
  lookupProducts: (ids: string[]) => Promise<Map<string, ProductSummary>>;
  hasPurchased: (userId: string, productId: string) => Promise<boolean>;
  nameOf: (userId: string) => Promise<string>;
  now: () => Date;
}

export async function postReview(
  author: AuthUser,
  productId: string,
  input: { rating: number; title: string; body: string },
  deps: ReviewsDeps,
): Promise<ReviewViewType> {
  const product = (await deps.lookupProducts([productId])).get(productId);
  if (!product?.listed) throw new NotFoundError('Product');
  if (product.sellerId === author.userId)
    throw new ForbiddenError('Sellers cannot review their own products', 'OWN_PRODUCT');
  const [verifiedPurchase, authorName] = await Promise.all([
    deps.hasPurchased(author.userId, productId),
    deps.nameOf(author.userId),
  ]);
  const now = deps.now().toISOString();
  const review: ReviewRecord = {
    reviewId: newId('rev'),
    productId,
    userId: author.userId,
    authorName,
    rating: input.rating,
    title: input.title,
    body: input.body,
    verifiedPurchase,
    helpfulCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  // ReviewPosted and RatingChanged go out from the table's stream (functions/reviews/events.ts).
  await deps.reviews.create(review);
  return reviewView(review);
}

/**
 * After an order of the user's was paid, cancelled or refunded: the badge on their reviews of
 * its products follows what orders says now (a cancelled or fully refunded order stops counting;
 * a review posted while the order was pending gets the badge once it is paid). Repeats are harmless.
 */
export async function refreshVerifiedPurchases(
  userId: string,
  productIds: string[],
  deps: Pick<ReviewsDeps, 'reviews' | 'hasPurchased'>,
): Promise<void> {
  for (const productId of new Set(productIds)) {
    await deps.reviews.setVerifiedPurchase(productId, userId, await deps.hasPurchased(userId, productId));
  }
}

export async function editReview(
  author: AuthUser,
  reviewId: string,
  changes: { rating?: number; title?: string; body?: string },
  deps: ReviewsDeps,
): Promise<ReviewViewType> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const before = await deps.reviews.findById(reviewId);
    if (!before || before.userId !== author.userId) throw new NotFoundError('Review');
    const after: ReviewRecord = {
      ...before,
      rating: changes.rating ?? before.rating,
      title: changes.title ?? before.title,
      body: changes.body ?? before.body,
      updatedAt: deps.now().toISOString(),
    };
    if (await deps.reviews.update(before, after)) return reviewView(after);
  }
  throw new ConflictError('CONCURRENT_UPDATE', 'The review changed at the same time; please retry');
}

export async function deleteReview(actor: AuthUser, reviewId: string, deps: ReviewsDeps): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const review = await deps.reviews.findById(reviewId);
    if (!review || (review.userId !== actor.userId && !actor.roles.includes('admin')))
      throw new NotFoundError('Review');
    if (await deps.reviews.remove(review, deps.now().toISOString())) return;
  }
  throw new ConflictError('CONCURRENT_UPDATE', 'The review changed at the same time; please retry');
}

export async function markHelpful(voter: AuthUser, reviewId: string, deps: ReviewsDeps) {
  for (let attempt = 1; attempt <= 8; attempt++) {
    const review = await deps.reviews.findById(reviewId);
    if (!review) throw new NotFoundError('Review');
    if (review.userId === voter.userId)
      throw new ConflictError('OWN_REVIEW', 'You cannot mark your own review helpful');
    if ((await deps.reviews.voteHelpful(review, voter.userId, deps.now().toISOString())) === 'voted') {
      return { review_id: reviewId, helpful_count: review.helpfulCount + 1 };
    }
  }
  throw new ConflictError('CONCURRENT_UPDATE', 'The review changed at the same time; please retry');
}

export async function listReviews(
  productId: string,
  options: { sort: ReviewSort; rating?: number; limit: number; cursor?: string },
  deps: ReviewsDeps,
) {
  const product = (await deps.lookupProducts([productId])).get(productId);
  if (!product?.listed) throw new NotFoundError('Product');
  const [page, aggregate] = await Promise.all([
    deps.reviews.list(productId, options),
    deps.reviews.aggregate(productId),
  ]);
  return { items: page.items.map(reviewView), next_cursor: page.nextCursor, summary: summaryOf(aggregate) };
}

/** Reviews' exported read for the product page. */
export async function ratingSummary(
  productId: string,
  deps: Pick<ReviewsDeps, 'reviews'>,
): Promise<RatingSummaryType> {
  return summaryOf(await deps.reviews.aggregate(productId));
}

export function summaryOf(aggregate: RatingAggregate): RatingSummaryType {
  return {
    average: averageRating(aggregate.sum, aggregate.count),
    count: aggregate.count,
    histogram: {
      '1': aggregate.histogram[1],
      '2': aggregate.histogram[2],
      '3': aggregate.histogram[3],
      '4': aggregate.histogram[4],
      '5': aggregate.histogram[5],
    },
  };
}

function reviewView(review: ReviewRecord): ReviewViewType {
  return {
    review_id: review.reviewId,
    product_id: review.productId,
    user_id: review.userId,
    author_name: review.authorName,
    rating: review.rating,
    title: review.title,
    body: review.body,
    verified_purchase: review.verifiedPurchase,
    helpful_count: review.helpfulCount,
    created_at: review.createdAt,
    updated_at: review.updatedAt,
  };
}
