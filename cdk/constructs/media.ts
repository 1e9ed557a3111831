import { Duration } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IMAGES_BASE_URL_ENV, IMAGES_BUCKET_ENV, type WiredService, wireService } from './manifest-wiring';
import { acknowledge } from './nag';
import type { ApiAuth, Platform, StageSettings } from './platform';

export interface MediaStorageProps {
  readonly stage: StageSettings;
  /** Origins whose pages upload images straight to the bucket (presigned POST) and read them back. */
  readonly corsOrigins: readonly string[];
}

/**
 * Where product images live: a private S3 bucket (Block Public Access on, S3-managed
 * encryption, TLS only) that browsers upload to through presigned POSTs, served to the world
 * by a CloudFront distribution that alone may read it (origin access control).
 *
 * It stands apart from the Media construct, as OrdersTables does from Orders: catalog puts the
 * images' public URL into the products it writes, and media's functions write the products
 * table, so the bucket and its CDN exist before catalog, and media's functions after it.
 *
 * The bucket sends its events to EventBridge (the account's default bus, where S3 sends them),
 * so a finished upload reaches media's `MediaOnImageUploaded` rule. That is set on the bucket
 * itself (`NotificationConfiguration.EventBridgeConfiguration`), which CloudFormation supports
 * natively; CDK's `eventBridgeEnabled` would do it through a Lambda-backed custom resource.
 */
export class MediaStorage extends Construct {
  public readonly imagesBucket: Bucket;
  public readonly distribution: Distribution;
  /** What handlers take as `IMAGES_BASE_URL`: the stage's custom URL, or the distribution's own. */
  public readonly imagesBaseUrl: string;

  constructor(scope: Construct, id: string, props: MediaStorageProps) {
    super(scope, id);
    const { stage } = props;

    // A stage torn down with images still in it fails to delete the bucket: empty it first
    // (aws s3 rm s3://<ImagesBucketName> --recursive). No auto-delete custom resource.
    this.imagesBucket = new Bucket(this, 'ImagesBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: [...props.corsOrigins],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: Duration.hours(1).toSeconds(),
        },
      ],
      removalPolicy: stage.removalPolicy,
    });
    (this.imagesBucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    acknowledge(this.imagesBucket.node.defaultChild!, {
      id: 'AwsSolutions-S1',
      reason:
        'Uploads are presigned by the API, whose requests are in its access log; images are served only through CloudFront. Object-level audit, when wanted, is CloudTrail S3 data events',
    });

    this.distribution = new Distribution(this, 'ImagesDistribution', {
      comment: `Bazaar ${stage.name}: product images`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.imagesBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: stage.production ? PriceClass.PRICE_CLASS_ALL : PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
    });
    acknowledge(
      this.distribution.node.defaultChild!,
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Bazaar sells to any country it ships to; product images are public and need no geo restriction',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Read-only, immutable, public images behind a caching-optimized policy: nothing for WAF to protect that CloudFront Shield Standard does not already cover',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Standard logs of public image requests hold nothing to audit; CloudFront metrics cover traffic and errors',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses its default *.cloudfront.net certificate, whose security policy CloudFront fixes; a custom domain (imagesBaseUrl context) brings its own certificate and TLS policy',
      },
    );

    this.imagesBaseUrl = stage.imagesBaseUrl ?? `https://${this.distribution.distributionDomainName}`;
  }
}

export interface MediaProps {
  readonly platform: Platform;
  readonly auth: ApiAuth;
  /** Read by the auth middleware of every media route (seller routes all). */
  readonly usersTable: ITable;
  /** A product's images are kept through catalog's exported image functions. */
  readonly productsTable: ITable;
  readonly imagesBucket: IBucket;
  /** The public base URL of images (MediaStorage's `imagesBaseUrl`). */
  readonly imagesBaseUrl: string;
}

/**
 * Media: product image uploads (a presigned POST into the images bucket), deletion and
 * ordering, and the rule on the account's default bus that attaches a finished upload to its
 * product. The bucket and its CDN are MediaStorage's.
 */
export class Media extends Construct {
  public readonly functions: WiredService;

  constructor(scope: Construct, id: string, props: MediaProps) {
    super(scope, id);
    this.functions = wireService(this, {
      service: 'media',
      platform: props.platform,
      auth: props.auth,
      tables: { products: props.productsTable, users: props.usersTable },
      imagesBucket: props.imagesBucket,
      // functions/media/deps.ts builds the image store, naming the bucket and the public URL, for
      // every media handler, even one (reordering) that touches no object and is granted none.
      environment: {
        [IMAGES_BASE_URL_ENV]: props.imagesBaseUrl,
        [IMAGES_BUCKET_ENV]: props.imagesBucket.bucketName,
      },
    });
  }
}
