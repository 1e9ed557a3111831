import { Duration, Fn, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/viewer-address';
import { type CacheBehaviour, cacheBehaviours } from '../../shared/manifests/cache-behaviours';
import type { RouteDefinition } from '../../shared/manifests/types';
import { type WiredService, wireService } from './manifest-wiring';
import { acknowledge } from './nag';
import type { ApiAuth, Platform, StageSettings } from './platform';
import { StorefrontDeployment } from './storefront-deployment';
import { requireTable, serviceTables } from './tables';

/**
 * The secret the distribution sends to the API in `x-origin-verify`, created before the
 * services so every route function can be told it (ORIGIN_VERIFY_SECRET_ARN) and refuse calls
 * that skip the distribution.
 */
export class OriginVerifySecret extends Construct {
  public readonly secret: Secret;

  constructor(scope: Construct, id: string, props: { stage: StageSettings }) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: `Bazaar ${props.stage.name}: the value CloudFront sends in ${ORIGIN_VERIFY_HEADER}`,
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
      removalPolicy: props.stage.removalPolicy,
    });
    acknowledge(this.secret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating it needs the distribution and the API to change together (send both values for a while); it is rotated by redeploying with a new secret, not by a rotation Lambda',
    });
  }
}

export interface SiteProps {
  readonly stage: StageSettings;
  readonly api: HttpApi;
  readonly routes: readonly RouteDefinition[];
  readonly originVerify: Secret;
  /** The storefront's build, uploaded into the bucket on every deploy. */
  readonly storefrontDir: string;
}

/**
 * One CloudFront distribution for the whole site: the storefront's bucket by default (deep
 * links rewritten to /index.html by a CloudFront Function, so the API's JSON 403/404 stay what
 * they are) and the HTTP API under /api/*, with a cache behaviour for each cached route the
 * manifest declares (`cacheBehaviours`, the list the local CDN uses too). One site, because the
 * anonymous cart cookie is SameSite=Lax and would not travel between two hosts.
 * The storefront's build (web/dist) is uploaded into the bucket by a `StorefrontDeployment`.
 */
export class Site extends Construct {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  public readonly deepLinks: CloudFrontFunction;
  public readonly storefront: StorefrontDeployment;
  /** The behaviours derived from the manifest, in the distribution's order. */
  public readonly behaviours: CacheBehaviour[];

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const { stage } = props;
    this.bucket = new Bucket(this, 'StorefrontBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: stage.removalPolicy,
    });
    acknowledge(this.bucket, {
      id: 'AwsSolutions-S1',
      reason:
        'The storefront bucket holds the public build of web/, read only through CloudFront; deploys are in CloudTrail',
    });
    this.deepLinks = new CloudFrontFunction(this, 'DeepLinks', {
      comment: 'Storefront deep links (no file extension) are served /index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(DEEP_LINK_FUNCTION),
    });

    this.behaviours = cacheBehaviours(props.routes);
    const additionalBehaviors = this.apiBehaviours(props);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Bazaar ${stage.name}: storefront and API`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: this.deepLinks }],
      },
      additionalBehaviors,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: stage.production ? PriceClass.PRICE_CLASS_ALL : PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
    });
    acknowledge(
      this.distribution,
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Bazaar sells to any country it ships to; the storefront and its API need no geo restriction',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF yet: the API rate-limits per viewer (CloudFront-Viewer-Address, vouched for by the origin header) and API Gateway throttles the stage; a web ACL is an operator decision with its own cost',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'The API keeps its own access log (every request reaching the origin); CloudFront metrics cover cache hits and errors. Standard logs are one S3 bucket away when wanted',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses its default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain brings its own certificate and a TLSv1.2_2021 policy',
      },
    );
    this.storefront = new StorefrontDeployment(this, 'Storefront', {
      stage,
      directory: props.storefrontDir,
      bucket: this.bucket,
      distribution: this.distribution,
    });
  }

  /** `/api/*` uncached, and a cached behaviour (with its cache policy) per manifest pattern. */
  private apiBehaviours(props: SiteProps): Record<string, BehaviorOptions> {
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerify.secretValue.unsafeUnwrap() },
    });
    const cachedOriginRequests = new OriginRequestPolicy(this, 'CachedApiOriginRequests', {
      comment: 'Cached API routes: the key query strings only (from the cache policy), no cookies',
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        'content-type',
        'idempotency-key',
        'origin',
        'CloudFront-Viewer-Address',
      ),
      cookieBehavior: OriginRequestCookieBehavior.none(),
      queryStringBehavior: OriginRequestQueryStringBehavior.none(),
    });
    const policies = new Map<string, CachePolicy>();
    const additionalBehaviors: Record<string, BehaviorOptions> = {};
    for (const behaviour of this.behaviours) {
      let cachePolicy = policies.get(behaviour.policyKey);
      if (!cachePolicy) {
        cachePolicy = apiCachePolicy(this, `ApiCache${policies.size + 1}`, behaviour);
        policies.set(behaviour.policyKey, cachePolicy);
      }
      additionalBehaviors[behaviour.pathPattern] = {
        origin: apiOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        // A path pattern matches every method: `/api/v1/products/*/reviews` also takes POST.
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy,
        originRequestPolicy: cachedOriginRequests,
        compress: true,
      };
    }
    additionalBehaviors['/api/*'] = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Forwarding Host would make API Gateway answer 403.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    return additionalBehaviors;
  }

  /** The distribution's ARN, for the purge handler's cloudfront:CreateInvalidation grant. */
  get distributionArn(): string {
    return `arn:${Stack.of(this).partition}:cloudfront::${Stack.of(this).account}:distribution/${this.distribution.distributionId}`;
  }
}

/** The cache key CloudFront builds for one behaviour: path, the route's query strings, Authorization. */
function apiCachePolicy(scope: Construct, id: string, behaviour: CacheBehaviour): CachePolicy {
  return new CachePolicy(scope, id, {
    comment: `API: ${behaviour.routeIds.join(', ')}`,
    // The origin's Cache-Control decides; without one nothing is kept.
    defaultTtl: Duration.seconds(0),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.seconds(behaviour.maxTtlSeconds),
    queryStringBehavior: behaviour.queryStrings.length
      ? CacheQueryStringBehavior.allowList(...behaviour.queryStrings)
      : CacheQueryStringBehavior.none(),
    // CloudFront refuses Authorization in an origin request policy: in the key, it is forwarded.
    headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
    cookieBehavior: CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/** A path with no file extension is a storefront route: the single-page app answers it. */
const DEEP_LINK_FUNCTION = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

export interface CdnPurgeProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  readonly site: Site;
}

/**
 * The purge: the rules that mark changed product pages, the table they are marked in, and the
 * schedule that sends them to the site's distribution as one invalidation (functions/cdn).
 */
export class CdnPurge extends Construct {
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: CdnPurgeProps) {
    super(scope, id);
    const table = requireTable(serviceTables(this, 'cdn', props.platform.stage), 'cdn-purges', 'cdn');
    this.functions = wireService(this, {
      service: 'cdn',
      platform: props.platform,
      auth: props.auth,
      tables: { 'cdn-purges': table },
      environment: { CDN_DISTRIBUTION_ID: props.site.distribution.distributionId },
    });
    const flush = this.functions.schedules.FlushCdnPurges!;
    flush.addToRolePolicy(
      new PolicyStatement({
        actions: ['cloudfront:CreateInvalidation'],
        resources: [props.site.distributionArn],
      }),
    );
  }
}
