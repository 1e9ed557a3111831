import { join } from 'node:path';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import type { TableId } from '../../shared/manifests/types';
import type { FeatureFlagsAccess } from './feature-flags';

/** The repository root: where `functions/` and `statemachines/` live, as the manifests name them. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** What differs between a developer's stage and production. */
export interface StageSettings {
  /** `dev`, `test`, `prod`, or a developer's own name. */
  readonly name: string;
  readonly production: boolean;
  /** RETAIN for production data, DESTROY elsewhere so a stage can be torn down cleanly. */
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /**
   * Public base URL of product images, handed to handlers as `IMAGES_BASE_URL`: a custom domain
   * in front of the images distribution. Unset, it is the distribution's own
   * `https://<id>.cloudfront.net` (see MediaStorage).
   */
  readonly imagesBaseUrl?: string;
  /** Turn on Cognito threat protection (the Plus feature plan, billed per user). */
  readonly cognitoThreatProtection: boolean;
  /** Where the manifests' handler and ASL paths are resolved from; the repository root by default. */
  readonly rootDir: string;
  /**
   * The ADOT (OpenTelemetry) Lambda layer for Node on arm64 in the deploy region. Set, every
   * function runs through it and traces its AWS SDK and HTTP calls; unset, functions carry no
   * layer (X-Ray active tracing stays on either way).
   */
  readonly otelLayerArn?: string;
}

export interface StageOptions {
  readonly production?: boolean;
  readonly imagesBaseUrl?: string;
  readonly cognitoThreatProtection?: boolean;
  readonly rootDir?: string;
  readonly otelLayerArn?: string;
}

/** Settings for a stage; a stage named `prod` is production unless told otherwise. */
export function stageSettings(name: string, options: StageOptions = {}): StageSettings {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(name)) {
    throw new Error(`Stage name "${name}" must be lower-case letters, digits or dashes (at most 20)`);
  }
  const production = options.production ?? name === 'prod';
  return {
    name,
    production,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    imagesBaseUrl: options.imagesBaseUrl,
    cognitoThreatProtection: options.cognitoThreatProtection ?? false,
    rootDir: options.rootDir ?? REPO_ROOT,
    otelLayerArn: checkedLayerArn(options.otelLayerArn),
  };
}

function checkedLayerArn(arn: string | undefined): string | undefined {
  if (arn !== undefined && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[\w-]+:\d+$/.test(arn)) {
    throw new Error(
      `otelLayerArn must be a Lambda layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>), not ${arn}`,
    );
  }
  return arn;
}

/** How HTTP routes authenticate: the identity service provides it, every service consumes it. */
export interface ApiAuth {
  /** The JWT authorizer put on `user`, `seller` and `admin` routes. */
  readonly authorizer: IHttpRouteAuthorizer;
  readonly issuer: string;
  readonly jwksUri: string;
  readonly clientId: string;
  readonly userPoolId: string;
}

/** What the stack shares with every service construct. */
export interface Platform {
  readonly stage: StageSettings;
  readonly api: HttpApi;
  readonly bus: IEventBus;
  /**
   * Tables the manifest gives to `platform` (cross-cutting, e.g. rate limits): every service
   * may be granted them without having them passed in.
   */
  readonly tables: Partial<Record<TableId, ITable>>;
  /**
   * The feature switches (one SSM parameter on AWS): every function behind a route with a
   * `feature` is let read them. Required as soon as a wired route names a feature.
   */
  readonly featureFlags?: FeatureFlagsAccess;
  /**
   * The secret the distribution sends in `x-origin-verify`: every route function is told it
   * (ORIGIN_VERIFY_SECRET_ARN) and refuses a call without it. None: the API takes direct calls.
   */
  readonly originVerify?: ISecret;
}

/**
 * The top-level stack a construct deploys with, through any nested stacks: what the platform
 * keeps its books on (tables created, manifest entries wired), wherever a service's stack is.
 */
export function rootStackOf(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}
