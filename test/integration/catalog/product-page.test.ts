import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as getProduct } from '../../../functions/catalog/handlers/get-product';
import { handler as onBoughtTogetherChanged } from '../../../functions/catalog/handlers/on-bought-together-changed';
import { handler as onProductChanged } from '../../../functions/catalog/handlers/on-product-changed';
import { handler as onRatingChanged } from '../../../functions/catalog/handlers/on-rating-changed';
import { handler as onStockChanged } from '../../../functions/catalog/handlers/on-stock-changed';
import type { ProductRecord } from '../../../functions/catalog/product';
import { lookupProducts } from '../../../functions/catalog/product-lookup';
import { productRepository } from '../../../functions/catalog/repository';
import { StockChanged } from '../../../functions/inventory/events';
import { recommendationEventsOf } from '../../../functions/recommendations/events';
import { recommendationRepository } from '../../../functions/recommendations/repository';
import { countOrder, type RecommendationsDeps } from '../../../functions/recommendations/service';
import { reviewEventsOf } from '../../../functions/reviews/events';
import { reviewRepository } from '../../../functions/reviews/repository';
import { postReview, type ReviewsDeps } from '../../../functions/reviews/service';
import { useInDynamoDbClient } from '../../../shared/clients';
import type { BusEvent, DomainEvent } from '../../../shared/events';
import { newId } from '../../../shared/ids';
import { httpEvent, lambdaContext } from '../../fixtures/api-gateway-event';
import { busDelivery } from '../../fixtures/bus-event';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { aProduct, listProduct } from '../../support/products';
import { relayedEvents } from '../../support/relayed-events';

const doc = testDocumentClient();
const products = productRepository(doc, tableName('PRODUCTS_TABLE_NAME'));
const inventoryTable = tableName('INVENTORY_TABLE_NAME');

async function newProduct(title: string): Promise<ProductRecord> {
  return listProduct(products, inventoryTable, aProduct({ title, description: '' }), 5);
}

/**
 * Every DynamoDB request the handlers' clients send (each call, retries aside), counted by
 * middleware added before the clients are built, as the local platform adds its own: the hot-reads
 * client resolves its stack once, so middleware added later would never run.
 */
let dynamoRequests = 0;
useInDynamoDbClient({
  applyToStack: (stack) =>
    stack.add(
      (next) => async (args) => {
        dynamoRequests++;
        return next(args);
      },
      { step: 'initialize', name: 'countDynamoDbRequests' },
    ),
});

/** The product page through its handler, and how many DynamoDB requests answering it took. */
async function page(productId: string) {
  const before = dynamoRequests;
  const result = (await getProduct(
    httpEvent({
      routeKey: 'GET /api/v1/products/{product_id}',
      rawPath: `/api/v1/products/${productId}`,
      pathParameters: { product_id: productId },
      requestContext: {
        ...httpEvent().requestContext,
        http: { ...httpEvent().requestContext.http, method: 'GET', path: `/api/v1/products/${productId}` },
      },
    }) as never,
    lambdaContext as never,
  )) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode,
    body: JSON.parse(String(result.body)),
    requests: dynamoRequests - before,
  };
}

const recommendations: RecommendationsDeps = {
  recommendations: recommendationRepository(doc, tableName('RECOMMENDATIONS_TABLE_NAME')),
  lookupProducts,
  purchasedBy: async () => new Set(),
  now: () => new Date(),
  viewTtlSeconds: 3600,
};

/** Relays a table's stream and delivers this product's events of one type to a catalog rule target. */
async function relayTo(
  events: DomainEvent[],
  detailType: string,
  productId: string,
  target: (event: BusEvent<unknown>) => Promise<void>,
): Promise<DomainEvent[]> {
  const mine = events.filter(
    (event) => event.detailType === detailType && event.detail.product_id === productId,
  );
  for (const event of mine) await target(busDelivery(event));
  return mine;
}

describe('the product page record against DynamoDB Local', () => {
  it('answers from one DynamoDB request, with the rating histogram and partners events wrote', async () => {
    const product = await newProduct('Kettle');
    const reviews: ReviewsDeps = {
      reviews: reviewRepository(doc, tableName('REVIEWS_TABLE_NAME')),
      lookupProducts,
      hasPurchased: async () => false,
      nameOf: async () => 'Reviewer',
      now: () => new Date(),
    };
    for (const rating of [5, 4, 4])
      await postReview(
        { userId: newId('usr'), roles: ['customer'] },
        product.productId,
        { rating, title: 'ok', body: 'fine' },
        reviews,
      );
    await relayTo(
      await relayedEvents('reviews', reviewEventsOf),
      'RatingChanged',
      product.productId,
      onRatingChanged,
    );

    const shown = await page(product.productId);
    expect(shown.status).toBe(200);
    expect(shown.body.reviews).toEqual({
      average: 4.3,
      count: 3,
      histogram: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 1 },
    });
    expect(shown.requests).toBe(1);
  });

  it('shows partners from BoughtTogetherChanged; a partner sold out or deleted drops off', async () => {
    const [lamp, bulb, shade, plug] = await Promise.all(
      ['Lamp', 'Bulb', 'Shade', 'Plug'].map((title) => newProduct(title)),
    );
    const line = (p: ProductRecord) => ({ product_id: p.productId, quantity: 1 });
    await countOrder(newId('ord'), [line(lamp!), line(bulb!), line(shade!), line(plug!)], recommendations);
    await countOrder(newId('ord'), [line(lamp!), line(bulb!), line(shade!)], recommendations);
    await countOrder(newId('ord'), [line(lamp!), line(bulb!)], recommendations);
    const published = await relayTo(
      await relayedEvents('recommendations', recommendationEventsOf),
      'BoughtTogetherChanged',
      lamp!.productId,
      onBoughtTogetherChanged,
    );
    expect(published.at(-1)?.detail.partners).toEqual([
      { product_id: bulb!.productId, score: 3 },
      { product_id: shade!.productId, score: 2 },
      { product_id: plug!.productId, score: 1 },
    ]);
    const partnerIds = async () =>
      ((await page(lamp!.productId)).body.frequently_bought_together as Array<{ product_id: string }>).map(
        (partner) => partner.product_id,
      );
    expect(await partnerIds()).toEqual([bulb!.productId, shade!.productId, plug!.productId]);

    await onStockChanged(
      busDelivery(
        StockChanged.build({
          eventId: `evt_stock_${bulb!.productId}_v2`,
          product_id: bulb!.productId,
          seller_id: bulb!.sellerId,
          available: 0,
          stock_status: 'out_of_stock',
          version: 2,
        }),
      ),
    );
    expect(await partnerIds()).toEqual([shade!.productId, plug!.productId]);

    await products.save({ ...shade!, listing: 'deleted', version: 2 }, 1);
    await onProductChanged(
      busDelivery({
        source: 'bazaar.catalog',
        detailType: 'ProductChanged',
        detail: {
          eventId: `evt_product_${shade!.productId}_v2`,
          product_id: shade!.productId,
          seller_id: shade!.sellerId,
          status: 'deleted',
          title: 'Shade',
          category: 'kitchen',
          price_cents: 1999,
          currency: 'USD',
          version: 2,
        },
      }),
    );
    expect(await partnerIds()).toEqual([plug!.productId]);

    // A partner's price change reaches the page's copy of it.
    await products.save({ ...plug!, priceCents: 2500, version: 2 }, 1);
    await onProductChanged(
      busDelivery({
        source: 'bazaar.catalog',
        detailType: 'ProductChanged',
        detail: {
          eventId: `evt_product_${plug!.productId}_v2`,
          product_id: plug!.productId,
          seller_id: plug!.sellerId,
          status: 'active',
          title: 'Plug',
          category: 'kitchen',
          price_cents: 2500,
          currency: 'USD',
          version: 2,
        },
      }),
    );
    expect((await page(lamp!.productId)).body.frequently_bought_together[0]).toMatchObject({
      product_id: plug!.productId,
      price_cents: 2500,
    });
  });

  it('never lets a late (older) event undo a newer one', async () => {
    const [cup, saucer, spoon] = await Promise.all(
      ['Cup', 'Saucer', 'Spoon'].map((title) => newProduct(title)),
    );
    const together = (version: number, partner: ProductRecord) =>
      busDelivery({
        source: 'bazaar.recommendations',
        detailType: 'BoughtTogetherChanged',
        detail: {
          eventId: `evt_together_${cup!.productId}_v${version}`,
          product_id: cup!.productId,
          partners: [{ product_id: partner.productId, score: version }],
          version,
        },
      });
    const rating = (version: number, histogram: Record<string, number>, sum: number, count: number) =>
      busDelivery({
        source: 'bazaar.reviews',
        detailType: 'RatingChanged',
        detail: {
          eventId: `evt_rating_${cup!.productId}_v${version}`,
          product_id: cup!.productId,
          rating_sum: sum,
          rating_count: count,
          histogram,
          version,
        },
      });
    await onBoughtTogetherChanged(together(2, spoon!));
    await onBoughtTogetherChanged(together(1, saucer!));
    await onRatingChanged(rating(2, { '1': 0, '2': 0, '3': 0, '4': 0, '5': 2 }, 10, 2));
    await onRatingChanged(rating(1, { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 }, 5, 1));

    const shown = (await page(cup!.productId)).body;
    expect(shown.frequently_bought_together.map((p: { product_id: string }) => p.product_id)).toEqual([
      spoon!.productId,
    ]);
    expect(shown.reviews).toEqual({
      average: 5,
      count: 2,
      histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 2 },
    });
  });
});
