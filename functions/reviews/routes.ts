import { defineRoute } from '../../shared/http/route';
import type { ResourceUse } from '../../shared/manifests/types';
import {
  EditReviewBody,
  HelpfulResponse,
  ListReviewsQuery,
  ProductReviewsParams,
  ReviewBody,
  ReviewList,
  ReviewParams,
  ReviewView,
} from './schemas';

const tag = 'Reviews';
// Writes check the product (catalog), the purchase (orders) and the author's name (identity).
const write: ResourceUse = {
  tables: { reviews: 'readWrite', products: 'read', orders: 'read', users: 'read' },
};

export const postReviewRoute = defineRoute({
  id: 'PostReview',
  method: 'POST',
  path: '/api/v1/products/{product_id}/reviews',
  auth: 'user',
  handler: 'functions/reviews/handlers/post-review.handler',
  summary: 'Review a product (one review per customer; sellers cannot review their own)',
  tag,
  params: ProductReviewsParams,
  body: ReviewBody,
  response: ReviewView,
  successStatus: 201,
  feature: 'reviews',
  uses: write,
});

export const listReviewsRoute = defineRoute({
  id: 'ListReviews',
  method: 'GET',
  path: '/api/v1/products/{product_id}/reviews',
  auth: 'public',
  handler: 'functions/reviews/handlers/list-reviews.handler',
  summary: 'A product’s reviews, sorted and filtered, with the rating histogram',
  tag,
  params: ProductReviewsParams,
  query: ListReviewsQuery,
  response: ReviewList,
  successStatus: 200,
  // The first page (no query) is purged on RatingChanged; other pages expire on their own.
  cache: { maxAgeSeconds: 30, sharedMaxAgeSeconds: 60, staleWhileRevalidateSeconds: 60 },
  feature: 'reviews',
  uses: { tables: { reviews: 'read', products: 'read' } },
});

export const editReviewRoute = defineRoute({
  id: 'EditReview',
  method: 'PUT',
  path: '/api/v1/reviews/{review_id}',
  auth: 'user',
  handler: 'functions/reviews/handlers/edit-review.handler',
  summary: 'Edit your review',
  tag,
  params: ReviewParams,
  body: EditReviewBody,
  response: ReviewView,
  successStatus: 200,
  feature: 'reviews',
  uses: { tables: { reviews: 'readWrite' } },
});

export const deleteReviewRoute = defineRoute({
  id: 'DeleteReview',
  method: 'DELETE',
  path: '/api/v1/reviews/{review_id}',
  auth: 'user',
  handler: 'functions/reviews/handlers/delete-review.handler',
  summary: 'Delete your review',
  tag,
  params: ReviewParams,
  successStatus: 204,
  feature: 'reviews',
  uses: { tables: { reviews: 'readWrite' } },
});

export const helpfulRoute = defineRoute({
  id: 'MarkReviewHelpful',
  method: 'POST',
  path: '/api/v1/reviews/{review_id}/helpful',
  auth: 'user',
  handler: 'functions/reviews/handlers/mark-helpful.handler',
  summary: 'Mark a review helpful (once per customer)',
  tag,
  params: ReviewParams,
  response: HelpfulResponse,
  successStatus: 200,
  feature: 'reviews',
  uses: { tables: { reviews: 'readWrite' } },
});

export const reviewRoutes = [
  postReviewRoute,
  listReviewsRoute,
  editReviewRoute,
  deleteReviewRoute,
  helpfulRoute,
];
