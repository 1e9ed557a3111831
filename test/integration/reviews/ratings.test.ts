import { randomUUID } from 'node:crypto';
import { reviewEventsOf } from '../../../functions/reviews/events';
import { reviewRepository } from '../../../functions/reviews/repository';
import { deleteReview, editReview, postReview, type ReviewsDeps } from '../../../functions/reviews/service';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { relayedEvents } from '../../support/relayed-events';

function makeDeps(productId: string): ReviewsDeps {
  return {
    reviews: reviewRepository(testDocumentClient(), tableName('REVIEWS_TABLE_NAME')),
    lookupProducts: async () =>
      new Map([
        [
          productId,
          {
            productId,
            sellerId: 'usr_SELLER',
            title: 'Reviewed Thing',
            category: 'books',
            priceCents: 1000,
            price: 10,
            compareAtPriceCents: null,
            currency: 'USD',
            imageUrl: null,
            avgRating: 0,
            reviewCount: 0,
            status: 'active' as const,
            listed: true,
          },
        ],
      ]),
    hasPurchased: async () => false,
    nameOf: async () => 'Reviewer',
    now: () => new Date(),
  };
}

const user = () => ({ userId: newId('usr'), roles: ['customer' as const] });

describe('rating aggregates against DynamoDB Local', () => {
  it('stays exact when 30 reviewers post, edit and delete at once', async () => {
    const productId = newId('prod');
    const deps = makeDeps(productId);
    const authors = Array.from({ length: 30 }, user);
    const posted = await Promise.all(
      authors.map((author, i) =>
        postReview(author, productId, { rating: (i % 5) + 1, title: 'Title', body: 'Body' }, deps),
      ),
    );
    await Promise.all(
      posted.slice(0, 10).map((review, i) => editReview(authors[i]!, review.review_id, { rating: 5 }, deps)),
    );
    await Promise.all(
      posted.slice(20).map((review, i) => deleteReview(authors[20 + i]!, review.review_id, deps)),
    );

    const aggregate = await deps.reviews.aggregate(productId);
    const remaining = [];
    let cursor: string | undefined;
    do {
      const page = await deps.reviews.list(productId, { sort: 'newest', limit: 50, cursor });
      remaining.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(remaining).toHaveLength(20);
    expect(aggregate.count).toBe(20);
    expect(aggregate.sum).toBe(remaining.reduce((sum, review) => sum + review.rating, 0));
    for (const star of [1, 2, 3, 4, 5] as const) {
      expect(aggregate.histogram[star]).toBe(remaining.filter((review) => review.rating === star).length);
    }
  }, 60_000);

  it('announces RatingChanged snapshots whose versions only grow, from the aggregate’s stream images', async () => {
    const productId = newId('prod');
    const deps = makeDeps(productId);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        postReview(user(), productId, { rating: i + 1, title: 't', body: `b ${randomUUID()}` }, deps),
      ),
    );
    const events = (await relayedEvents('reviews', reviewEventsOf)).filter(
      (event) => event.detail.product_id === productId,
    );
    expect(events.filter((event) => event.detailType === 'ReviewPosted')).toHaveLength(5);
    const changes = events.filter((event) => event.detailType === 'RatingChanged');
    expect(changes).toHaveLength(5);
    expect(changes.map((event) => event.detail.version)).toEqual([1, 2, 3, 4, 5]);
    expect(changes.map((event) => event.detail.eventId)).toEqual(
      [1, 2, 3, 4, 5].map((version) => `evt_rating_${productId}_v${version}`),
    );
    const newest = changes.reduce((best, event) =>
      (event.detail.version as number) > (best.detail.version as number) ? event : best,
    );
    expect(newest.detail).toMatchObject({
      rating_sum: 15,
      rating_count: 5,
      histogram: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1 },
      version: 5,
    });
  });
});
