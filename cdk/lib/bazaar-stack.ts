import { CfnOutput, Duration, NestedStack, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { routes } from '../../functions/manifest';
import { Cart } from '../constructs/cart';
import { Catalog } from '../constructs/catalog';
import { FeatureFlags } from '../constructs/feature-flags';
import { FrontDoor } from '../constructs/front-door';
import { Identity } from '../constructs/identity';
import { Inventory } from '../constructs/inventory';
import { platformManifests, unwiredManifestEntries } from '../constructs/manifest-wiring';
import { Media, MediaStorage } from '../constructs/media';
import { Monitoring } from '../constructs/monitoring';
import { DEFAULT_EMAIL_FROM, Notifications } from '../constructs/notifications';
import { Orders, OrdersTables } from '../constructs/orders';
import { Payments } from '../constructs/payments';
import type { Platform, StageSettings } from '../constructs/platform';
import { Recommendations, RecommendationsTables } from '../constructs/recommendations';
import { Reviews, ReviewsTables } from '../constructs/reviews';
import { Search, type SearchDomainSettings } from '../constructs/search';
import { CdnPurge, OriginVerifySecret, Site } from '../constructs/site';
import { serviceTables } from '../constructs/tables';
import { wiredResourcesOf } from '../constructs/wired-resources';

export interface BazaarStackProps extends StackProps {
  readonly stage: StageSettings;
  /** Origins allowed to call the API from a browser; any origin by default. */
  readonly corsOrigins?: string[];
  /** The search domain's size and redundancy (see searchDomainSettings). */
  readonly search: SearchDomainSettings;
  /**
   * The From address of notification e-mails; DEFAULT_EMAIL_FROM unless told. SES sends only
   * once the address or its domain is a verified identity of the account and region.
   */
  readonly emailFrom?: string;
  /** Where alarms are e-mailed (subscribed to the alarm topic); only the topic when unset. */
  readonly alarmEmail?: string;
}

/**
 * The whole platform, deployed as one stack. It creates only what every service shares — the
 * `bazaar` event bus, the HTTP API, the feature switches and the cross-cutting tables — and
 * wires the services together, each passing the next the tables and settings it consumes.
 *
 * Each service group lives in a nested stack of its own (`CatalogStack`, `CheckoutStack`, …):
 * CloudFormation allows 500 resources per template, and a function with its role, policy, log
 * group, route or rule and dead-letter queue takes 6 to 9, so one template would run out a few
 * services from now. A nested stack holds one service (orders and payments, which use each
 * other's data, share one); CDK passes what one uses of another as parameters and outputs,
 * so the order below, in which each service is handed what it uses, is also the order of
 * deployment, and no two stacks may use each other's resources. Where a service's data is
 * read by a service deployed before its functions can be (catalog's product page reads the
 * reviews and recommendations tables and the images URL, while those services' functions
 * read products and orders), its storage is a construct of its own (`ReviewsTables`,
 * `MediaStorage`, as `OrdersTables`) built in the reader's stack. A new service gets its own
 * `serviceStack`.
 */
export class BazaarStack extends Stack {
  public readonly api: HttpApi;
  public readonly apiStage: HttpStage;
  public readonly bus: EventBus;
  public readonly identity: Identity;
  public readonly inventory: Inventory;
  public readonly catalog: Catalog;
  public readonly cart: Cart;
  public readonly payments: Payments;
  public readonly orders: Orders;
  public readonly search: Search;
  public readonly featureFlags: FeatureFlags;
  public readonly mediaStorage: MediaStorage;
  public readonly media: Media;
  public readonly reviews: Reviews;
  public readonly recommendations: Recommendations;
  public readonly notifications: Notifications;
  public readonly originVerify: OriginVerifySecret;
  public readonly site: Site;
  public readonly cdnPurge: CdnPurge;
  public readonly frontDoor: FrontDoor;
  public readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: BazaarStackProps) {
    super(scope, id, props);
    const { stage } = props;
    Tags.of(this).add('project', 'bazaar');
    Tags.of(this).add('stage', stage.name);

    this.bus = new EventBus(this, 'Bus', {
      eventBusName: stage.production ? 'bazaar' : `bazaar-${stage.name}`,
      description: 'Bazaar domain events (source bazaar.<service>)',
    });

    const corsOrigins = props.corsOrigins ?? ['*'];
    this.api = new HttpApi(this, 'Api', {
      apiName: `bazaar-${stage.name}`,
      description: 'Bazaar public API (/api/v1)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: corsOrigins,
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        exposeHeaders: ['retry-after'],
        // Browsers may send the anonymous cart cookie only to origins named explicitly.
        allowCredentials: !corsOrigins.includes('*'),
        maxAge: Duration.hours(1),
      },
    });
    this.apiStage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 500, burstLimit: 1000 },
      // Per-route 5xx and latency, which the product page's and checkout's alarms watch.
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'ApiAccessLogs', {
            retention: stage.logRetention,
            removalPolicy: stage.removalPolicy,
          }),
        ),
      },
    });

    this.featureFlags = new FeatureFlags(this, 'FeatureFlags', { stage });
    this.originVerify = new OriginVerifySecret(this, 'OriginVerify', { stage });

    // Cross-cutting tables (rate limits) belong to no service; every service may be granted them.
    const platform: Platform = {
      stage,
      api: this.api,
      bus: this.bus,
      tables: serviceTables(this, 'platform', stage),
      featureFlags: this.featureFlags,
      originVerify: this.originVerify.secret,
    };
    const serviceStack = (name: string, what: string) =>
      new NestedStack(this, `${name}Stack`, { description: `Bazaar ${stage.name}: ${what}` });

    this.identity = new Identity(serviceStack('Identity', 'identity (Cognito, users)'), 'Identity', {
      platform,
    });
    const { auth, usersTable } = this.identity;
    this.inventory = new Inventory(serviceStack('Inventory', 'inventory'), 'Inventory', {
      platform,
      auth,
      usersTable,
    });

    // The product page shows images (their public URL goes into every product catalog writes)
    // and embeds reviews and recommendations, whose functions in turn read products and orders.
    // So the images bucket and its CDN and those two services' tables come first, beside
    // catalog, and their functions later, each in a nested stack of its own.
    const catalogStack = serviceStack(
      'Catalog',
      'catalog, with the images bucket and CDN and the reviews and recommendations tables',
    );
    this.mediaStorage = new MediaStorage(catalogStack, 'MediaStorage', { stage, corsOrigins });
    const reviewsTables = new ReviewsTables(catalogStack, 'ReviewsTables', { stage });
    const recommendationsTables = new RecommendationsTables(catalogStack, 'RecommendationsTables', { stage });
    this.catalog = new Catalog(catalogStack, 'Catalog', {
      platform,
      auth,
      usersTable,
      inventoryTable: this.inventory.inventoryTable,
      reviewsTable: reviewsTables.reviewsTable,
      recommendationsTable: recommendationsTables.recommendationsTable,
      imagesBaseUrl: this.mediaStorage.imagesBaseUrl,
    });
    this.cart = new Cart(serviceStack('Cart', 'carts'), 'Cart', {
      platform,
      auth,
      usersTable,
      productsTable: this.catalog.productsTable,
      inventoryTable: this.inventory.inventoryTable,
    });

    // Orders and payments use each other's data (payments charges and settles orders; orders'
    // checkout and reconciler read payments), so the orders tables come first, then payments,
    // then orders' functions and the checkout saga, which binds inventory's and payments' steps;
    // all in one nested stack, as they reference each other both ways.
    const checkout = serviceStack('Checkout', 'orders, payments and the checkout saga');
    const ordersTables = new OrdersTables(checkout, 'OrdersTables', { stage });
    this.payments = new Payments(checkout, 'Payments', {
      platform,
      auth,
      usersTable,
      ordersTable: ordersTables.ordersTable,
      inventoryTable: this.inventory.inventoryTable,
      cartsTable: this.cart.cartsTable,
    });
    this.orders = new Orders(checkout, 'Orders', {
      platform,
      auth,
      tables: ordersTables,
      usersTable,
      cartsTable: this.cart.cartsTable,
      productsTable: this.catalog.productsTable,
      inventoryTable: this.inventory.inventoryTable,
      paymentsTable: this.payments.paymentsTable,
      stripeSecrets: this.payments.stripeSecrets,
      checkoutSteps: { ...this.inventory.functions.tasks, ...this.payments.functions.tasks },
    });

    this.search = new Search(serviceStack('Search', 'search (OpenSearch)'), 'Search', {
      platform,
      auth,
      productsTable: this.catalog.productsTable,
      settings: props.search,
    });

    this.media = new Media(serviceStack('Media', 'product images (uploads)'), 'Media', {
      platform,
      auth,
      usersTable,
      productsTable: this.catalog.productsTable,
      imagesBucket: this.mediaStorage.imagesBucket,
      imagesBaseUrl: this.mediaStorage.imagesBaseUrl,
    });
    this.reviews = new Reviews(serviceStack('Reviews', 'reviews'), 'Reviews', {
      platform,
      auth,
      tables: reviewsTables,
      usersTable,
      productsTable: this.catalog.productsTable,
      ordersTable: this.orders.ordersTable,
    });
    this.recommendations = new Recommendations(
      serviceStack('Recommendations', 'recommendations'),
      'Recommendations',
      {
        platform,
        auth,
        tables: recommendationsTables,
        usersTable,
        productsTable: this.catalog.productsTable,
        ordersTable: this.orders.ordersTable,
      },
    );
    this.notifications = new Notifications(
      serviceStack('Notifications', 'notifications (SES)'),
      'Notifications',
      { platform, auth, usersTable, emailFrom: props.emailFrom ?? DEFAULT_EMAIL_FROM },
    );

    // The site's one distribution, in front of the storefront bucket and the API, and its purge.
    this.site = new Site(this, 'Site', {
      stage,
      api: this.api,
      routes,
      originVerify: this.originVerify.secret,
    });
    this.cdnPurge = new CdnPurge(serviceStack('Cdn', 'CDN purges'), 'CdnPurge', {
      platform,
      auth,
      site: this.site,
    });

    this.frontDoor = new FrontDoor(
      serviceStack('Platform', 'health, the OpenAPI document and the docs page'),
      'FrontDoor',
      {
        platform,
        auth,
      },
    );

    // Last: it watches what every service's wiring built.
    this.monitoring = new Monitoring(serviceStack('Monitoring', 'alarms and the dashboard'), 'Monitoring', {
      stage,
      api: this.api,
      apiStage: this.apiStage,
      wired: wiredResourcesOf(this),
      routes: platformManifests.routes,
      searchDomain: this.search.index.domain,
      alarmEmail: props.alarmEmail,
    });

    // A manifest entry whose service has no construct here would silently not exist on AWS.
    this.node.addValidation({ validate: () => unwiredManifestEntries(this) });

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url });
    // The site's URL: the API is reached at <SiteUrl>/api/v1 (the raw ApiUrl refuses calls).
    new CfnOutput(this, 'SiteUrl', { value: `https://${this.site.distribution.distributionDomainName}` });
    new CfnOutput(this, 'StorefrontBucketName', { value: this.site.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'CheckoutStateMachineArn', { value: this.orders.checkout.stateMachineArn });
    // What `npm run reindex` takes as OPENSEARCH_ENDPOINT (run by a role in searchOperatorRoleArns).
    new CfnOutput(this, 'SearchDomainEndpoint', { value: this.search.index.domain.domainEndpoint });
    // Operators register this URL as a Stripe webhook endpoint and put the two secrets' values.
    // Through the site: the API refuses calls that skip the distribution.
    const siteUrl = `https://${this.site.distribution.distributionDomainName}/`;
    new CfnOutput(this, 'StripeWebhookUrl', {
      value: `${siteUrl}${this.payments.stripeWebhookPath.replace(/^\//, '')}`,
    });
    new CfnOutput(this, 'StripeApiKeySecretArn', { value: this.payments.stripeApiKey.secretArn });
    new CfnOutput(this, 'StripeWebhookSecretArn', { value: this.payments.stripeWebhookSecret.secretArn });
    // Operators agree the carrier webhook's signing key with the carrier and put it in this secret.
    new CfnOutput(this, 'CarrierWebhookUrl', {
      value: `${siteUrl}${this.orders.carrierWebhookPath.replace(/^\//, '')}`,
    });
    new CfnOutput(this, 'CarrierWebhookSecretArn', { value: this.orders.carrierWebhookSecret.secretArn });
    new CfnOutput(this, 'ImagesBucketName', { value: this.mediaStorage.imagesBucket.bucketName });
    new CfnOutput(this, 'ImagesBaseUrl', { value: this.mediaStorage.imagesBaseUrl });
    new CfnOutput(this, 'FeatureFlagsParameterName', { value: this.featureFlags.parameter.parameterName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'EmailFrom', {
      value: this.notifications.email.from,
      description:
        'Verify this address, or its domain, as an SES identity before notifications can be e-mailed',
    });
  }
}
