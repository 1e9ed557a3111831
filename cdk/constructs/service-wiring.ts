import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, type Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type {
  HandlerRef,
  ResourceUse,
  StateMachineDefinition,
  TableDefinition,
  TableId,
} from '../../shared/manifests/types';
import {
  EMAIL_DELIVERY_ENV,
  EMAIL_FROM_ENV,
  IMAGES_BUCKET_ENV,
  SECRET_ENV,
  type ServiceWiringProps,
  type WiredService,
} from './manifest-settings';
import type { Manifests } from './manifest-wiring';
import { acknowledge } from './nag';
import { rootStackOf } from './platform';
import { ServiceFunction, serviceOf } from './service-function';
import { pascalCase } from './tables';
import { markWired, recordWired } from './wired-resources';

/** The timeout of a function no manifest entry gives one: rules, streams, state machine steps. */
export const DEFAULT_ASYNC_TIMEOUT_SECONDS = 30;

/**
 * One service's wiring while it is built: what every kind of manifest entry needs alike (a
 * function with the service's settings, the grants its entry `uses`, a dead-letter queue, the
 * state machine definitions) and the record of what has been built. Each kind's own
 * translation lives beside it (route-wiring.ts, trigger-wiring.ts, state-machine-wiring.ts), and
 * every construct is created in `scope`, so the kinds share one set of logical ids.
 */
export class ServiceWiring {
  /** The top-level stack, where the wired entries are recorded whichever nested stack holds them. */
  private readonly stack: Stack;
  private readonly aslCache = new Map<string, string>();
  /** What has been built so far, by manifest id; handed back as the WiredService. */
  readonly built = {
    routes: {} as Record<string, ServiceFunction>,
    rules: {} as Record<string, ServiceFunction>,
    streams: {} as Record<string, ServiceFunction>,
    schedules: {} as Record<string, ServiceFunction>,
    stateMachines: {} as Record<string, StateMachine>,
    tasks: {} as Record<string, ServiceFunction>,
    deadLetterQueues: {} as Record<string, Queue>,
  };

  constructor(
    readonly scope: Construct,
    readonly props: ServiceWiringProps,
    readonly manifests: Manifests,
  ) {
    this.stack = rootStackOf(scope);
  }

  /** Records what was built in the platform's books and hands it back. */
  finish(): WiredService {
    recordWired(this.stack, this.built);
    return this.built;
  }

  markWired(kind: string, id: string): void {
    markWired(this.stack, kind, id);
  }

  asl(definition: StateMachineDefinition): string {
    const path = join(this.props.platform.stage.rootDir, definition.definitionFile);
    let asl = this.aslCache.get(path);
    if (asl === undefined) {
      asl = readFileSync(path, 'utf8');
      this.aslCache.set(path, asl);
    }
    return asl;
  }

  serviceFunction(
    id: string,
    handler: HandlerRef,
    options: { description: string; timeoutSeconds?: number; memoryMb?: number },
  ): ServiceFunction {
    const { stage } = this.props.platform;
    const fn = new ServiceFunction(this.scope, id, {
      handlerRef: handler,
      service: serviceOf(handler),
      stage,
      description: options.description.slice(0, 256),
      timeout: Duration.seconds(options.timeoutSeconds ?? DEFAULT_ASYNC_TIMEOUT_SECONDS),
      memorySize: options.memoryMb,
    });
    for (const [name, value] of Object.entries(this.props.environment ?? {})) fn.addEnvironment(name, value);
    return fn;
  }

  /**
   * Identity's deps (functions/identity/deps.ts, behind its exported lookups too) build the
   * Cognito provider when first used, and read which one and its pool and client at that point.
   */
  identitySettings(fn: ServiceFunction): void {
    const { auth } = this.props;
    fn.addEnvironment('IDENTITY_PROVIDER', 'cognito');
    fn.addEnvironment('COGNITO_USER_POOL_ID', auth.userPoolId);
    fn.addEnvironment('AUTH_CLIENT_ID', auth.clientId);
  }

  /** Grants exactly what a manifest entry `uses`, and tells the handler where to find it. */
  grantUses(fn: ServiceFunction, uses: ResourceUse, who: string): void {
    for (const [id, access] of Object.entries(uses.tables ?? {}) as [TableId, 'read' | 'readWrite'][]) {
      const table = this.table(id, who);
      if (access === 'readWrite') table.grantReadWriteData(fn);
      else table.grantReadData(fn);
      fn.addEnvironment(this.tableDefinition(id).envVar, table.tableName);
    }
    // Whoever reads users does so through identity's deps, routes and event handlers alike.
    if (uses.tables?.users) this.identitySettings(fn);
    if (uses.publishesEvents) {
      this.props.platform.bus.grantPutEventsTo(fn);
      fn.addEnvironment('EVENT_BUS_NAME', this.props.platform.bus.eventBusName);
    }
    for (const id of uses.stateMachines ?? []) {
      const machine = this.built.stateMachines[id] ?? this.props.stateMachines?.[id];
      if (!machine) {
        throw new Error(
          `${who} starts state machine ${id}, which ${this.props.service} neither hosts nor was given`,
        );
      }
      machine.grantStartExecution(fn);
      machine.grantExecution(fn, 'states:DescribeExecution', 'states:StopExecution');
      fn.addEnvironment(this.stateMachineDefinition(id).envVar, machine.stateMachineArn);
    }
    if (uses.bucket === 'images') {
      const bucket = this.props.imagesBucket;
      if (!bucket)
        throw new Error(`${who} uses the images bucket, which ${this.props.service} was not given`);
      bucket.grantReadWrite(fn);
      fn.addEnvironment(IMAGES_BUCKET_ENV, bucket.bucketName);
    }
    for (const id of uses.secrets ?? []) {
      for (const envVar of SECRET_ENV[id]) {
        const secret = this.props.secrets?.[id]?.[envVar];
        if (!secret) {
          throw new Error(
            `${who} uses the ${id} secrets, but ${this.props.service} was not given the one for ${envVar}`,
          );
        }
        secret.grantRead(fn);
        fn.addEnvironment(envVar, secret.secretArn);
      }
    }
    if (uses.search) {
      const index = this.props.searchIndex;
      if (!index) throw new Error(`${who} uses the search index, which ${this.props.service} was not given`);
      index.grantIndexAccess(fn);
    }
    if (uses.email) {
      const email = this.props.email;
      if (!email)
        throw new Error(`${who} sends e-mail, but ${this.props.service} was not given SES settings`);
      Grant.addToPrincipal({
        grantee: fn,
        actions: ['ses:SendEmail'],
        resourceArns: [...email.identityArns],
      });
      fn.addEnvironment(EMAIL_DELIVERY_ENV, 'ses');
      fn.addEnvironment(EMAIL_FROM_ENV, email.from);
    }
  }

  table(id: TableId, who: string): ITable {
    const table = this.props.tables[id] ?? this.props.platform.tables[id];
    if (!table) {
      throw new Error(
        `${who} uses table ${id}, but ${this.props.service} was not given it: pass it in the service's props`,
      );
    }
    return table;
  }

  deadLetterQueue(id: string): Queue {
    const queue = new Queue(this.scope, `${pascalCase(id)}DeadLetters`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: this.props.platform.stage.removalPolicy,
    });
    acknowledge(queue.node.defaultChild!, {
      id: 'AwsSolutions-SQS3',
      reason: `This queue is the dead-letter queue of ${id}; it needs none of its own`,
    });
    this.built.deadLetterQueues[id] = queue;
    return queue;
  }

  private tableDefinition(id: TableId): TableDefinition {
    const definition = this.manifests.tables.find((candidate) => candidate.id === id);
    if (!definition) throw new Error(`No table ${id} in the tables manifest`);
    return definition;
  }

  private stateMachineDefinition(id: string): StateMachineDefinition {
    const definition = this.manifests.stateMachines.find((candidate) => candidate.id === id);
    if (!definition) throw new Error(`No state machine ${id} in the state machines manifest`);
    return definition;
  }
}
