import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, LayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { HandlerRef } from '../../shared/manifests/types';
import { acknowledge } from './nag';
import { REPO_ROOT, type StageSettings } from './platform';

/** The CloudWatch namespace of the handlers' EMF business metrics (`POWERTOOLS_METRICS_NAMESPACE`). */
export const METRICS_NAMESPACE = 'Bazaar';

/** What `BazaarFunction` fixes for every function; the rest of `NodejsFunctionProps` stays open. */
type FixedProps =
  | 'runtime'
  | 'architecture'
  | 'tracing'
  | 'logGroup'
  | 'logRetention'
  | 'code'
  | 'projectRoot'
  | 'depsLockFilePath';

export interface BazaarFunctionProps extends Omit<NodejsFunctionProps, FixedProps> {
  readonly entry: string;
  readonly stage: StageSettings;
}

export interface ServiceFunctionProps extends Omit<BazaarFunctionProps, 'entry' | 'handler'> {
  /** `functions/<service>/handlers/<file>.<export>`, as the manifests write it. */
  readonly handlerRef: HandlerRef;
  /** The owning service; becomes `POWERTOOLS_SERVICE_NAME`. */
  readonly service: string;
}

/**
 * How every function is bundled, read by `BazaarFunction` and by `npm run bench bundles` (which
 * builds the same bundles the CDK would, to measure them). The AWS SDK goes into each bundle:
 * Lambda's Node runtime ships an SDK of its own choosing, not the version the tests ran, and
 * promises neither `@aws-sdk/lib-dynamodb` nor `@aws-sdk/s3-presigned-post` at all.
 */
export const FUNCTION_BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  format: OutputFormat.CJS,
  externalModules: [] as string[],
  mainFields: ['module', 'main'] as string[],
} as const satisfies BundlingOptions;

/** Splits a manifest handler reference into the source file to bundle and the export to call. */
export function resolveHandler(ref: HandlerRef, rootDir: string): { entry: string; exportName: string } {
  const dot = ref.lastIndexOf('.');
  const modulePath = ref.slice(0, dot);
  const exportName = ref.slice(dot + 1);
  if (dot <= 0 || !/^[A-Za-z_$][\w$]*$/.test(exportName)) {
    throw new Error(`Handler reference ${ref} must look like functions/<service>/handlers/<file>.<export>`);
  }
  const entry = join(rootDir, `${modulePath}.ts`);
  if (!existsSync(entry)) throw new Error(`Handler ${ref} points at ${entry}, which does not exist`);
  return { entry, exportName };
}

/** The service a handler belongs to: `functions/<service>/…`. */
export function serviceOf(ref: HandlerRef): string {
  const service = ref.split('/')[1];
  if (!service) throw new Error(`Handler reference ${ref} names no service`);
  return service;
}

/**
 * Every Bazaar Lambda, a manifest handler or a deploy-time custom resource alike: Node 22 on
 * arm64, X-Ray tracing, a log group with the stage's retention, and one esbuild bundle per
 * entry (`FUNCTION_BUNDLING`: minified, with source maps, the tested AWS SDK inside).
 */
export class BazaarFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: BazaarFunctionProps) {
    const { stage, bundling, ...rest } = props;
    // A sibling rather than a child: the log group must exist before the function is built.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });
    super(scope, id, {
      ...rest,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        ...FUNCTION_BUNDLING,
        externalModules: [...FUNCTION_BUNDLING.externalModules],
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        ...bundling,
      },
    });

    if (stage.otelLayerArn) this.addOpenTelemetry(stage.otelLayerArn);

    acknowledge(this.node.defaultChild!, {
      id: 'AwsSolutions-L1',
      reason:
        'Bazaar pins Node.js 22 on Lambda (docs/architecture.md: the code base targets Node 20 and 22 only)',
    });
    const executionRole = this.role?.node.defaultChild;
    if (executionRole) {
      acknowledge(executionRole, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS managed basic execution policy only lets the function write its own CloudWatch logs',
      });
    }
  }

  /**
   * Traces through the ADOT layer rather than in the bundle: measured, Powertools Tracer adds
   * 127 KB and 20–60 ms of init to every bundle and OpenTelemetry bundled in adds 442 KB and
   * 100–120 ms, while the layer adds nothing to the bundle; the X-Ray SDK under Tracer is also in
   * maintenance. The wrapper script starts the SDK before the handler module loads.
   */
  private addOpenTelemetry(layerArn: string): void {
    this.addLayers(LayerVersion.fromLayerVersionArn(this, 'OpenTelemetryLayer', layerArn));
    this.addEnvironment('AWS_LAMBDA_EXEC_WRAPPER', '/opt/otel-handler');
    this.addEnvironment('OTEL_NODE_ENABLED_INSTRUMENTATIONS', 'aws-sdk,http');
  }
}

/**
 * A manifest handler's Lambda: a `BazaarFunction` for the handler's file and export, with 512 MB,
 * 30 s and the Powertools environment unless the manifest says otherwise.
 */
export class ServiceFunction extends BazaarFunction {
  public readonly handlerRef: HandlerRef;
  public readonly service: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const { handlerRef, service, stage, environment, ...rest } = props;
    const { entry, exportName } = resolveHandler(handlerRef, stage.rootDir);
    super(scope, id, {
      ...rest,
      stage,
      memorySize: rest.memorySize ?? 512,
      timeout: rest.timeout ?? Duration.seconds(30),
      entry,
      handler: exportName,
      environment: {
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
    });
    this.handlerRef = handlerRef;
    this.service = service;
  }
}
