import { reviewRepository } from '../../../functions/reviews/repository';
import {
  editReview,
  postReview,
  type ReviewsDeps,
  refreshVerifiedPurchases,
} from '../../../functions/reviews/service';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';

function makeDeps(productId: string, bought: { now: boolean }): ReviewsDeps {
  return {
    reviews: reviewRepository(testDocumentClient(), tableName('REVIEWS_TABLE_NAME')),
    lookupProducts: async () =>
      new Map([
        [
          productId,
          {
            productId,
            sellerId: 'usr_SELLER',
            title: 'Badge Thing',
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
    hasPurchased: async () => bought.now,
    nameOf: async () => 'Reviewer',
    now: () => new Date(),
  };
}

describe('verified-purchase badge against DynamoDB Local', () => {
  it('follows what orders says after the order changes, and an edit keeps the badge it finds', async () => {
    const productId = newId('prod');
    const author = { userId: newId('usr'), roles: ['customer' as const] };
    const bought = { now: true };
    const deps = makeDeps(productId, bought);
    const posted = await postReview(author, productId, { rating: 5, title: 'Great', body: 'Works.' }, deps);
    expect(posted.verified_purchase).toBe(true);

    bought.now = false;
    await refreshVerifiedPurchases(author.userId, [productId, productId], deps);
    const edited = await editReview(author, posted.review_id, { title: 'Still great' }, deps);

    expect(edited).toMatchObject({ title: 'Still great', verified_purchase: false });
    expect((await deps.reviews.findById(posted.review_id))?.verifiedPurchase).toBe(false);
  });

  it('writes nothing for a product the user never reviewed', async () => {
    const productId = newId('prod');
    const userId = newId('usr');
    const deps = makeDeps(productId, { now: true });

    await refreshVerifiedPurchases(userId, [productId], deps);

    expect(await deps.reviews.setVerifiedPurchase(productId, userId, false)).toBe(false);
  });
});
