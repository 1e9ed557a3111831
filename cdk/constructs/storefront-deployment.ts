import { Stack } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from './nag';
import type { StageSettings } from './platform';

export interface StorefrontDeploymentProps {
  readonly stage: StageSettings;
  /** The storefront's build (web/dist, made by scripts/storefront-build.ts before synth). */
  readonly directory: string;
  readonly bucket: Bucket;
  readonly distribution: Distribution;
}

/** What the build holds for the tools, never for a browser: the build's stamp and Vite's manifest. */
const NOT_PUBLISHED = ['.source-hash', '.vite', '.vite/**'];
/** The paths a new build changes at the edge: the app's page (deep links are rewritten to it). */
export const STOREFRONT_INVALIDATION_PATHS = ['/', '/index.html'];

/**
 * Uploads the storefront's build into the site bucket, as the local platform serves it: hashed
 * `assets/*` cached for a year (immutable: a new build has new names) and kept after later
 * deploys, so a page opened before still loads its chunks; everything else (index.html) revalidated
 * on every visit, the old files pruned, and the app's page invalidated at the edge (never `/*`,
 * which would also drop the API's cached product pages).
 */
export class StorefrontDeployment extends Construct {
  public readonly assets: BucketDeployment;
  public readonly pages: BucketDeployment;
  /** CDK's function that both uploads run (one per stack, shared by every BucketDeployment). */
  public readonly uploadFunction: IConstruct;

  constructor(scope: Construct, id: string, props: StorefrontDeploymentProps) {
    super(scope, id);
    const source = Source.asset(props.directory, { exclude: NOT_PUBLISHED });
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    this.assets = new BucketDeployment(this, 'Assets', {
      sources: [source],
      destinationBucket: props.bucket,
      include: ['assets/*'],
      exclude: ['*'],
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      logGroup,
    });
    this.pages = new BucketDeployment(this, 'Pages', {
      sources: [source],
      destinationBucket: props.bucket,
      // Excluded files are also left alone by the prune: the assets stay.
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: STOREFRONT_INVALIDATION_PATHS,
      logGroup,
    });
    // index.html must never name chunks that are not uploaded yet.
    this.pages.node.addDependency(this.assets);
    this.uploadFunction = this.deploymentFunction();
    acknowledgeDeploymentFunction(this.uploadFunction);
  }

  /** The stack-wide singleton function (and its role) that CDK's BucketDeployment runs. */
  private deploymentFunction(): IConstruct {
    const stack = Stack.of(this);
    const singleton = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!singleton) throw new Error('The BucketDeployment singleton function was not found in its stack');
    return singleton;
  }
}

/**
 * What cdk-nag finds on CDK's upload function beyond the scoped wildcards that every grant shares
 * (its reads of the assets bucket and its read-write of the storefront bucket; cdk/constructs/nag.ts).
 */
function acknowledgeDeploymentFunction(handler: IConstruct): void {
  acknowledge(
    handler,
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's BucketDeployment function: the AWS managed basic execution role only lets it write its own logs",
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "CDK's BucketDeployment grant of cloudfront:CreateInvalidation and GetInvalidation, which it writes on every distribution; it invalidates only the site's /index.html and /",
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        "CDK's BucketDeployment function: its runtime is chosen by aws-cdk-lib with its bundled handler and the AWS CLI layer, and moves with aws-cdk-lib upgrades",
    },
  );
}
