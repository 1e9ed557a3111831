import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { routes, tableById } from '../../functions/manifest';
import {
  dynamoAccess,
  logicalIdOf,
  synthBazaar,
  TemplateIndex,
  type WiredFunction,
  wiredFunctions,
} from './support/templates';

let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;
let functions: WiredFunction[];
let reviewsId: string;
let recommendationsId: string;

beforeAll(() => {
  ({ stack, template } = synthBazaar());
  index = new TemplateIndex(template);
  functions = wiredFunctions(stack);
  reviewsId = logicalIdOf(stack.reviews.reviewsTable);
  recommendationsId = logicalIdOf(stack.recommendations.recommendationsTable);
});

describe('the reviews table', () => {
  it('indexes a product’s reviews three ways: newest, most helpful and by rating', () => {
    const props = index.props(reviewsId);
    expect(props.GlobalSecondaryIndexes).toEqual(
      ['ByProductNewest', 'ByProductHelpful', 'ByProductRating'].map((name, i) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: 'review_product', KeyType: 'HASH' },
          { AttributeName: ['created_at', 'helpful_key', 'rating_key'][i], KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    for (const name of ['review_product', 'created_at', 'helpful_key', 'rating_key']) {
      expect(props.AttributeDefinitions).toContainEqual({ AttributeName: name, AttributeType: 'S' });
    }
  });
});

describe('the recommendations table', () => {
  it('ranks counters by a numeric score, so top-N is one query', () => {
    expect(tableById('recommendations').numericKeys).toEqual(['score']);
    const props = index.props(recommendationsId);
    expect(props.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'ByScore',
        KeySchema: [
          { AttributeName: 'score_scope', KeyType: 'HASH' },
          { AttributeName: 'score', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(props.AttributeDefinitions).toContainEqual({ AttributeName: 'score', AttributeType: 'N' });
    expect(props.AttributeDefinitions).toContainEqual({ AttributeName: 'score_scope', AttributeType: 'S' });
  });

  it('lets recent views expire', () => {
    expect(index.props(recommendationsId).TimeToLiveSpecification).toEqual({
      AttributeName: 'expires_at',
      Enabled: true,
    });
  });
});

describe('the product page', () => {
  it('reads only the products table (its one-read page record), and writes nothing', () => {
    const page = functions.find(({ entry }) => entry === 'route GetProduct')!;
    const access = dynamoAccess(index.functionStatements(page.logicalId));
    expect(Object.fromEntries(access)).toEqual({ [logicalIdOf(stack.catalog.productsTable)]: 'read' });
    expect(index.environment(page.logicalId)).not.toHaveProperty('REVIEWS_TABLE_NAME');
    expect(index.environment(page.logicalId)).not.toHaveProperty('RECOMMENDATIONS_TABLE_NAME');
  });

  it('has the tables it embeds created beside catalog, while their services run in stacks of their own', () => {
    const catalogStack = Stack.of(stack.catalog);
    expect(Stack.of(stack.reviews.reviewsTable)).toBe(catalogStack);
    expect(Stack.of(stack.recommendations.recommendationsTable)).toBe(catalogStack);
    expect(Stack.of(stack.reviews).node.id).toBe('ReviewsStack');
    expect(Stack.of(stack.recommendations).node.id).toBe('RecommendationsStack');
  });
});

describe('reviews and recommendations routes', () => {
  const ofFeature = (feature: string) => routes.filter((route) => route.feature === feature);

  it('belong to their switchable feature, every one', () => {
    for (const route of routes.filter((each) => each.handler.startsWith('functions/reviews/'))) {
      expect([route.id, route.feature]).toEqual([route.id, 'reviews']);
    }
    for (const route of routes.filter((each) => each.handler.startsWith('functions/recommendations/'))) {
      expect([route.id, route.feature]).toEqual([route.id, 'recommendations']);
    }
    expect(ofFeature('reviews').length).toBeGreaterThan(0);
    expect(ofFeature('recommendations').length).toBeGreaterThan(0);
  });

  it('keep the view beacon’s counters in the rate-limits table, as its rate limit says', () => {
    const beacon = functions.find(({ entry }) => entry === 'route RecordView')!;
    expect(beacon.route?.rateLimit).toBeDefined();
    const rateLimits = logicalIdOf(stack.node.findChild('RateLimitsTable'));
    expect(dynamoAccess(index.functionStatements(beacon.logicalId)).get(rateLimits)).toBe('readWrite');
    expect(index.environment(beacon.logicalId).RATE_LIMITS_TABLE_NAME).toEqual({ Ref: rateLimits });
  });

  it('count co-purchases from OrderPaid and browsing signals from CartItemAdded, on the bazaar bus', () => {
    for (const [entry, source, detailType] of [
      ['rule RecommendationsOnOrderPaid', 'bazaar.orders', 'OrderPaid'],
      ['rule RecommendationsOnCartItemAdded', 'bazaar.cart', 'CartItemAdded'],
    ] as const) {
      const handler = functions.find((fn) => fn.entry === entry)!;
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: logicalIdOf(stack.bus) },
        EventPattern: { source: [source], 'detail-type': [detailType] },
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [handler.logicalId, 'Arn'] } })],
      });
    }
  });

  it('let the cart announce CartItemAdded from its table’s stream: only the cart relay may publish', () => {
    const cartFunctions = functions.filter(({ fn }) => fn.service === 'cart');
    expect(cartFunctions.length).toBeGreaterThan(1);
    for (const fn of cartFunctions) {
      expect([fn.entry, index.environment(fn.logicalId).EVENT_BUS_NAME]).toEqual([
        fn.entry,
        fn.entry === 'stream RelayCartEvents' ? { Ref: logicalIdOf(stack.bus) } : undefined,
      ]);
    }
  });
});
