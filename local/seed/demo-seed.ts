import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NO_RATINGS, type ProductRecord } from '../../functions/catalog/product';
import { toItem } from '../../functions/catalog/repository';
import { identityDeps } from '../../functions/identity/deps';
import { registerSeller, signup } from '../../functions/identity/service';
import { newStockRecordPut, stockStatusOf } from '../../functions/inventory/stock-records';
import { reviewedProductItems } from '../../functions/reviews/repository';
import type { ReviewRecord } from '../../functions/reviews/store';
import { CURRENCY, toCents } from '../../shared/money';
import { averageRating } from '../../shared/rating';
import { type GeneratedProduct, generateCatalog } from './catalog-generator';
import { productCardPng } from './demo-images';
import { DEMO_REVIEWERS, demoReviews } from './demo-reviews';

export type SeedSize = 'demo' | 'small' | 'none';

export const SEED_PRODUCT_COUNTS: Record<SeedSize, number> = { demo: 3000, small: 200, none: 0 };

/** Demo accounts; their password is printed in the README. */
export const DEMO_PASSWORD = 'bazaar-demo-1';
export const DEMO_SELLERS = [
  { email: 'northwind@bazaar.example', name: 'Northwind Traders', store: 'Northwind Traders' },
  { email: 'acme@bazaar.example', name: 'Acme Supply', store: 'Acme Supply Co.' },
  { email: 'globex@bazaar.example', name: 'Globex Retail', store: 'Globex' },
  { email: 'initech@bazaar.example', name: 'Initech Goods', store: 'Initech Goods' },
  { email: 'umbrella@bazaar.example', name: 'Umbrella Outdoor', store: 'Umbrella Outdoor' },
];
export const DEMO_SHOPPER = { email: 'shopper@bazaar.example', name: 'Sam Shopper' };

/**
 * Loads the deterministic demo catalog: sellers, a shopper and the reviewers through the
 * identity service, then products with their stock records, their reviews and rating
 * aggregates (the same items the services write, in batches, since nothing else is running
 * yet), and a picture per product in the images bucket. Product ids are derived from the seed
 * index, so the same seed always yields the same catalog.
 */
export async function seedDemoCatalog(
  doc: DynamoDBDocumentClient,
  options: {
    size: SeedSize;
    productsTable: string;
    inventoryTable: string;
    reviewsTable: string;
    /** Where the pictures go (the images bucket) and the URL its keys are served under. */
    images: { load(key: string, body: Buffer, contentType: string): Promise<void>; baseUrl: string };
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ sellers: string[]; products: number; reviews: number }> {
  const total = SEED_PRODUCT_COUNTS[options.size];
  if (total === 0) return { sellers: [], products: 0, reviews: 0 };
  const identity = identityDeps();
  // Together: each sign-up spends most of its time hashing the password on libuv's threads.
  const [sellerIds, reviewerIds] = await Promise.all([
    Promise.all(
      DEMO_SELLERS.map(async (seller) => {
        const token = await signup(
          { email: seller.email, password: DEMO_PASSWORD, name: seller.name },
          identity,
        );
        await registerSeller(token.userId, seller.store, identity);
        return token.userId;
      }),
    ),
    Promise.all(
      DEMO_REVIEWERS.map(
        async (reviewer) => (await signup({ ...reviewer, password: DEMO_PASSWORD }, identity)).userId,
      ),
    ),
    signup({ email: DEMO_SHOPPER.email, password: DEMO_PASSWORD, name: DEMO_SHOPPER.name }, identity),
  ]);

  let written = 0;
  let reviewCount = 0;
  let uploads: Array<Promise<unknown>> = [];
  let batch: Array<{ table: string; item: Record<string, unknown> }> = [];
  const flush = async () => {
    const pending = batch;
    batch = [];
    const pendingUploads = uploads;
    uploads = [];
    await Promise.all([
      ...pendingUploads,
      ...chunk(pending, 25).map(async (requests) => {
        let requestItems:
          | Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>>
          | undefined = {};
        for (const { table, item } of requests) {
          requestItems[table] ??= [];
          requestItems[table].push({ PutRequest: { Item: item } });
        }
        while (requestItems && Object.keys(requestItems).length > 0) {
          const result = await doc.send(new BatchWriteCommand({ RequestItems: requestItems }));
          requestItems = result.UnprocessedItems as typeof requestItems;
        }
      }),
    ]);
  };

  let index = 0;
  for (const generated of generateCatalog({ count: total, seed: 42, sellerIds })) {
    index++;
    const productId = `prod_SEED${String(index).padStart(22, '0')}`;
    const reviews = demoReviews(index, productId, generated, reviewerIds);
    const imageKey = `demo/${generated.category}/${productId}.png`;
    uploads.push(
      options.images.load(imageKey, productCardPng(generated.category, generated.title), 'image/png'),
    );
    const product = demoProduct(productId, generated, reviews, `${options.images.baseUrl}/${imageKey}`);
    const stock = newStockRecordPut(options.inventoryTable, {
      productId,
      sellerId: product.sellerId,
      available: generated.stock,
      now: generated.created_at,
    });
    batch.push({ table: options.productsTable, item: toItem(product) });
    batch.push({ table: options.inventoryTable, item: stock.Put!.Item! });
    if (reviews.length > 0) {
      reviewCount += reviews.length;
      for (const item of reviewedProductItems(productId, reviews, generated.created_at))
        batch.push({ table: options.reviewsTable, item });
    }
    if (batch.length >= 200) {
      await flush();
      written = index;
      options.onProgress?.(written, total);
    }
  }
  await flush();
  if (written !== index) options.onProgress?.(index, total);
  return { sellers: sellerIds, products: index, reviews: reviewCount };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** A generated product as the catalog holds it, its rating summary that of its seeded reviews. */
function demoProduct(
  productId: string,
  generated: GeneratedProduct,
  reviews: ReviewRecord[],
  imageUrl: string,
): ProductRecord {
  const histogram = { ...NO_RATINGS };
  for (const review of reviews) histogram[String(review.rating) as keyof typeof histogram]++;
  const ratingSum = reviews.reduce((sum, review) => sum + review.rating, 0);
  return {
    productId,
    sellerId: generated.seller_id,
    title: generated.title,
    description: generated.description,
    category: generated.category,
    priceCents: toCents(generated.price)!,
    compareAtPriceCents:
      generated.compare_at_price === undefined || generated.compare_at_price === null
        ? null
        : toCents(generated.compare_at_price)!,
    currency: CURRENCY,
    images: [{ image_id: `img_${productId.slice('prod_'.length)}`, url: imageUrl }],
    avgRating: averageRating(ratingSum, reviews.length),
    reviewCount: reviews.length,
    ratingHistogram: histogram,
    // The aggregate seeded with the reviews is version 1: this is that snapshot.
    ratingVersion: reviews.length > 0 ? 1 : 0,
    stockStatus: stockStatusOf(generated.stock),
    stockVersion: 1,
    listing: 'active',
    version: 1,
    createdAt: generated.created_at,
    updatedAt: generated.created_at,
  };
}
