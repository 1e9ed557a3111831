import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { HandlerRef } from '../../shared/manifests/types';
import { acknowledge } from './nag';
import { REPO_ROOT, type StageSettings } from './platform';

export interface ServiceFunctionProps
  extends Omit<
    NodejsFunctionProps,
    'entry' | 'handler' | 'runtime' | 'architecture' | 'tracing' | 'logGroup' | 'logRetention' | 'code'
  > {
  /** `functions/<service>/handlers/<file>.<export>`, as the manifests write it. */
  readonly handlerRef: HandlerRef;
  /** The owning service; becomes `POWERTOOLS_SERVICE_NAME`. */
  readonly service: string;
  readonly stage: StageSettings;
}

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
 * Every Bazaar Lambda: Node 22 on arm64, X-Ray tracing, a log group with the stage's
 * retention, and one esbuild bundle per handler (minified, with source maps, the AWS SDK v3
 * left to the runtime). Only the handler, memory, timeout and environment vary.
 */
export class ServiceFunction extends NodejsFunction {
  public readonly handlerRef: HandlerRef;
  public readonly service: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const { handlerRef, service, stage, environment, bundling, ...rest } = props;
    const { entry, exportName } = resolveHandler(handlerRef, stage.rootDir);
    // A sibling rather than a child: the log group must exist before the function is built.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });
    super(scope, id, {
      ...rest,
      memorySize: rest.memorySize ?? 512,
      timeout: rest.timeout ?? Duration.seconds(30),
      entry,
      handler: exportName,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: 'Bazaar',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node22',
        format: OutputFormat.CJS,
        externalModules: ['@aws-sdk/*'],
        ...bundling,
      },
    });
    this.handlerRef = handlerRef;
    this.service = service;

    acknowledge(this.node.defaultChild!, {
      id: 'AwsSolutions-L1',
      reason: 'Bazaar pins Node.js 22 on Lambda (DESIGN.md: the code base targets Node 20 and 22 only)',
    });
    const executionRole = this.role?.node.defaultChild;
    if (executionRole) {
      acknowledge(executionRole, {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AWS managed basic execution policy only lets the function write its own CloudWatch logs',
      });
    }
  }
}
