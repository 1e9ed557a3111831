import { CfnOutput, NestedStack, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
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
import type { ApiAuth, Platform, StageSettings } from '../constructs/platform';
import { Recommendations, RecommendationsTables } from '../constructs/recommendations';
import { Reviews, ReviewsTables } from '../constructs/reviews';
import { Search, type SearchDomainSettings } from '../constructs/search';
import { CdnPurge, OriginVerifySecret, Site } from '../constructs/site';
import { serviceTables } from '../constructs/tables';
import { wiredResourcesOf } from '../constructs/wired-resources';
import { publicApi } from './public-api';

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
  /** The storefront's build (web/dist), uploaded into the site bucket. */
  readonly storefrontDir: string;
}

/** What every service but identity is handed: the platform, and identity's authorizer and users table. */
interface CommonServiceProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  readonly usersTable: ITable;
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
 *
 * The constructor lists the services in that order, one call each; a service whose props take
 * more than a line, or a nested stack holding several constructs, is built by a `build…` method.
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
  private readonly stage: StageSettings;

  constructor(scope: Construct, id: string, props: BazaarStackProps) {
    super(scope, id, props);
    const { stage } = props;
    this.stage = stage;
    Tags.of(this).add('project', 'bazaar');
    Tags.of(this).add('stage', stage.name);

    this.bus = new EventBus(this, 'Bus', {
      eventBusName: stage.production ? 'bazaar' : `bazaar-${stage.name}`,
      description: 'Bazaar domain events (source bazaar.<service>)',
    });
    const corsOrigins = props.corsOrigins ?? ['*'];
    const { api, apiStage } = publicApi(this, stage, corsOrigins);
    this.api = api;
    this.apiStage = apiStage;
    this.featureFlags = new FeatureFlags(this, 'FeatureFlags', { stage });
    this.originVerify = new OriginVerifySecret(this, 'OriginVerify', { stage });

    // Cross-cutting tables (rate limits) belong to no service; every service may be granted them.
    const platform: Platform = {
      stage,
      api,
      bus: this.bus,
      tables: serviceTables(this, 'platform', stage),
      featureFlags: this.featureFlags,
      originVerify: this.originVerify.secret,
    };

    this.identity = new Identity(this.serviceStack('Identity', 'identity (Cognito, users)'), 'Identity', {
      platform,
    });
    const { auth, usersTable } = this.identity;
    const common: CommonServiceProps = { platform, auth, usersTable };
    this.inventory = new Inventory(this.serviceStack('Inventory', 'inventory'), 'Inventory', common);
    const productPage = this.buildCatalog(common, corsOrigins);
    this.mediaStorage = productPage.mediaStorage;
    this.catalog = productPage.catalog;
    this.cart = this.buildCart(common);
    const checkout = this.buildCheckout(common);
    this.payments = checkout.payments;
    this.orders = checkout.orders;
    this.search = this.buildSearch(common, props.search);
    this.media = this.buildMedia(common);
    this.reviews = this.buildReviews(common, productPage.reviewsTables);
    this.recommendations = this.buildRecommendations(common, productPage.recommendationsTables);
    this.notifications = new Notifications(
      this.serviceStack('Notifications', 'notifications (SES)'),
      'Notifications',
      { ...common, emailFrom: props.emailFrom ?? DEFAULT_EMAIL_FROM },
    );

    // The site's one distribution, in front of the storefront bucket and the API, and its purge.
    this.site = new Site(this, 'Site', {
      stage,
      api,
      routes,
      originVerify: this.originVerify.secret,
      storefrontDir: props.storefrontDir,
    });
    this.cdnPurge = new CdnPurge(this.serviceStack('Cdn', 'CDN purges'), 'CdnPurge', {
      platform,
      auth,
      site: this.site,
    });
    this.frontDoor = new FrontDoor(
      this.serviceStack('Platform', 'health, the OpenAPI document and the docs page'),
      'FrontDoor',
      { platform, auth },
    );
    // Last: it watches what every service's wiring built.
    this.monitoring = this.buildMonitoring(props.alarmEmail);

    // A manifest entry whose service has no construct here would silently not exist on AWS.
    this.node.addValidation({ validate: () => unwiredManifestEntries(this) });
    this.addOutputs();
  }

  private serviceStack(name: string, what: string): NestedStack {
    return new NestedStack(this, `${name}Stack`, { description: `Bazaar ${this.stage.name}: ${what}` });
  }

  /**
   * The product page shows images (their public URL goes into every product catalog writes)
   * and embeds reviews and recommendations, whose functions in turn read products and orders.
   * So the images bucket and its CDN and those two services' tables come first, beside
   * catalog, and their functions later, each in a nested stack of its own.
   */
  private buildCatalog(common: CommonServiceProps, corsOrigins: string[]) {
    const catalogStack = this.serviceStack(
      'Catalog',
      'catalog, with the images bucket and CDN and the reviews and recommendations tables',
    );
    const { stage } = this;
    const mediaStorage = new MediaStorage(catalogStack, 'MediaStorage', { stage, corsOrigins });
    const reviewsTables = new ReviewsTables(catalogStack, 'ReviewsTables', { stage });
    const recommendationsTables = new RecommendationsTables(catalogStack, 'RecommendationsTables', { stage });
    const catalog = new Catalog(catalogStack, 'Catalog', {
      ...common,
      inventoryTable: this.inventory.inventoryTable,
      reviewsTable: reviewsTables.reviewsTable,
      recommendationsTable: recommendationsTables.recommendationsTable,
      imagesBaseUrl: mediaStorage.imagesBaseUrl,
    });
    return { mediaStorage, reviewsTables, recommendationsTables, catalog };
  }

  private buildCart(common: CommonServiceProps): Cart {
    return new Cart(this.serviceStack('Cart', 'carts'), 'Cart', {
      ...common,
      productsTable: this.catalog.productsTable,
      inventoryTable: this.inventory.inventoryTable,
    });
  }

  /**
   * Orders and payments use each other's data (payments charges and settles orders; orders'
   * checkout and reconciler read payments), so the orders tables come first, then payments,
   * then orders' functions and the checkout saga, which binds inventory's and payments' steps;
   * all in one nested stack, as they reference each other both ways.
   */
  private buildCheckout(common: CommonServiceProps): { payments: Payments; orders: Orders } {
    const checkout = this.serviceStack('Checkout', 'orders, payments and the checkout saga');
    const ordersTables = new OrdersTables(checkout, 'OrdersTables', { stage: this.stage });
    const payments = new Payments(checkout, 'Payments', {
      ...common,
      ordersTable: ordersTables.ordersTable,
      inventoryTable: this.inventory.inventoryTable,
      cartsTable: this.cart.cartsTable,
    });
    const orders = new Orders(checkout, 'Orders', {
      ...common,
      tables: ordersTables,
      cartsTable: this.cart.cartsTable,
      productsTable: this.catalog.productsTable,
      inventoryTable: this.inventory.inventoryTable,
      paymentsTable: payments.paymentsTable,
      stripeSecrets: payments.stripeSecrets,
      checkoutSteps: { ...this.inventory.functions.tasks, ...payments.functions.tasks },
    });
    return { payments, orders };
  }

  private buildSearch({ platform, auth }: CommonServiceProps, settings: SearchDomainSettings): Search {
    return new Search(this.serviceStack('Search', 'search (OpenSearch)'), 'Search', {
      platform,
      auth,
      productsTable: this.catalog.productsTable,
      settings,
    });
  }

  private buildMedia(common: CommonServiceProps): Media {
    return new Media(this.serviceStack('Media', 'product images (uploads)'), 'Media', {
      ...common,
      productsTable: this.catalog.productsTable,
      imagesBucket: this.mediaStorage.imagesBucket,
      imagesBaseUrl: this.mediaStorage.imagesBaseUrl,
    });
  }

  private buildReviews(common: CommonServiceProps, tables: ReviewsTables): Reviews {
    return new Reviews(this.serviceStack('Reviews', 'reviews'), 'Reviews', {
      ...common,
      tables,
      productsTable: this.catalog.productsTable,
      ordersTable: this.orders.ordersTable,
    });
  }

  private buildRecommendations(common: CommonServiceProps, tables: RecommendationsTables): Recommendations {
    return new Recommendations(this.serviceStack('Recommendations', 'recommendations'), 'Recommendations', {
      ...common,
      tables,
      productsTable: this.catalog.productsTable,
      ordersTable: this.orders.ordersTable,
    });
  }

  private buildMonitoring(alarmEmail: string | undefined): Monitoring {
    return new Monitoring(this.serviceStack('Monitoring', 'alarms and the dashboard'), 'Monitoring', {
      stage: this.stage,
      api: this.api,
      apiStage: this.apiStage,
      wired: wiredResourcesOf(this),
      routes: platformManifests.routes,
      searchDomain: this.search.index.domain,
      alarmEmail,
    });
  }

  /** What operators and the storefront's deployment read from the stack. */
  private addOutputs(): void {
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
