import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, type Stack } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Schedule } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import * as manifests from '../../functions/manifest';
import type {
  EventRuleDefinition,
  HandlerRef,
  ResourceUse,
  RouteDefinition,
  ScheduleDefinition,
  StateMachineDefinition,
  StreamDefinition,
  TableDefinition,
  TableId,
} from '../../shared/manifests/types';
import {
  checkedTaskHandlers,
  mergeUses,
  rateOf,
  stepName,
  taskTimeoutSeconds,
  toEventPattern,
} from './manifest-rules';
import {
  EMAIL_DELIVERY_ENV,
  EMAIL_FROM_ENV,
  IMAGES_BUCKET_ENV,
  SECRET_ENV,
  type ServiceWiringProps,
  type WiredService,
} from './manifest-settings';
import { acknowledge } from './nag';
import { rootStackOf } from './platform';
import { ServiceFunction, serviceOf } from './service-function';
import { createdTablesOf, pascalCase } from './tables';
import { recordWired } from './wired-resources';

export { checkedTaskHandlers, mergeUses, rateOf, taskTimeoutSeconds, toEventPattern } from './manifest-rules';
export {
  EMAIL_DELIVERY_ENV,
  EMAIL_FROM_ENV,
  type EmailSending,
  IMAGES_BASE_URL_ENV,
  IMAGES_BUCKET_ENV,
  SECRET_ENV,
  type SearchIndexAccess,
  type SecretId,
  type SecretSet,
  type ServiceWiringProps,
  type WiredService,
} from './manifest-settings';

/** The manifests the wiring reads; tests hand in synthetic ones. */
export interface Manifests {
  readonly routes: readonly RouteDefinition[];
  readonly rules: readonly EventRuleDefinition[];
  readonly streams: readonly StreamDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
  readonly stateMachines: readonly StateMachineDefinition[];
  readonly tables: readonly TableDefinition[];
}

export const platformManifests: Manifests = {
  routes: manifests.routes,
  rules: manifests.rules,
  streams: manifests.streams,
  schedules: manifests.schedules,
  stateMachines: manifests.stateMachines,
  tables: manifests.tables,
};

const MAX_ROUTE_TIMEOUT_SECONDS = 29;
const DEFAULT_ROUTE_TIMEOUT_SECONDS = 29;
const DEFAULT_ASYNC_TIMEOUT_SECONDS = 30;

const wiredEntries = new WeakMap<Stack, Set<string>>();
const entryKey = (kind: string, id: string) => `${kind}:${id}`;

/**
 * Manifest tables no construct created and manifest entries no construct wired in `stack` (and
 * its nested stacks), as messages naming the fix. The stack validates with it, so `cdk synth` fails rather than
 * deploy a platform with a route, rule or table silently missing.
 */
export function unwiredManifestEntries(stack: Stack, manifests: Manifests = platformManifests): string[] {
  const root = rootStackOf(stack);
  const created = createdTablesOf(root);
  const missingTables = manifests.tables
    .filter((table) => !created.has(table.id))
    .map(
      (table) =>
        `The table ${table.id} is not created: give ${table.owner} a construct that calls serviceTables`,
    );
  const wired = wiredEntries.get(root) ?? new Set<string>();
  const entries = [
    ...manifests.routes.map((route) => ({ kind: 'route', id: route.id, handler: route.handler })),
    ...manifests.rules.map((rule) => ({ kind: 'rule', id: rule.id, handler: rule.handler })),
    ...manifests.streams.map((stream) => ({ kind: 'stream', id: stream.id, handler: stream.handler })),
    ...manifests.schedules.map((job) => ({ kind: 'schedule', id: job.id, handler: job.handler })),
    ...manifests.stateMachines.flatMap((machine) =>
      Object.entries(machine.taskHandlers).map(([placeholder, handler]) => ({
        kind: 'state machine task',
        id: `${machine.id}.${placeholder}`,
        handler,
      })),
    ),
    ...manifests.stateMachines.map((machine) => ({
      kind: 'state machine',
      id: machine.id,
      handler: `${machine.definitionFile}, hosted by ${machine.owner}`,
    })),
  ];
  const unwired = entries
    .filter((entry) => !wired.has(entryKey(entry.kind, entry.id)))
    .map(
      (entry) =>
        `The ${entry.kind} ${entry.id} (${entry.handler}) is not wired: ` +
        (entry.kind === 'state machine'
          ? 'give its owner a construct that calls wireService, handed the other services’ tasks'
          : 'give its service a construct that calls wireService'),
    );
  return [...missingTables, ...unwired];
}

/**
 * Turns a service's share of the manifests into infrastructure: one function per route
 * (behind the HTTP API, with the JWT authorizer on `user`/`seller`/`admin` routes), per event
 * rule, per stream consumer, per schedule and per state machine step it handles, each granted
 * exactly the resources its manifest entry `uses` (a step: its `taskUses`); plus the state
 * machines whose `owner` it is, their placeholders bound to its own steps and to the steps
 * other services built (`taskFunctions`). A rule listens on the bus it names (Bazaar's own
 * unless it says `default`, the account's bus where AWS services send their events); a route
 * of a switchable `feature` may read the platform's feature switches; an entry that sends
 * e-mail may send it through SES as the service's `email` identities only.
 *
 * Adding a service (say `reviews`) takes a construct in cdk/constructs/reviews.ts that creates
 * its tables with `serviceTables(this, 'reviews', stage)`, calls `wireService` with those and
 * the tables it is handed in its props, and exposes what others consume as `public readonly`
 * fields; then one line in `BazaarStack`, building it in a nested stack of its own
 * (`serviceStack('Reviews', …)`). Everything else follows from the manifests. A service
 * that owns a state machine is also handed the other services' steps of it (their
 * `functions.tasks`), so those services' constructs come first (see cdk/constructs/orders.ts).
 */
export function wireService(scope: Construct, props: ServiceWiringProps): WiredService {
  return new ServiceWiring(scope, props).wire();
}

class ServiceWiring {
  private readonly manifests: Manifests;
  /** The top-level stack, where the wired entries are recorded whichever nested stack holds them. */
  private readonly stack: Stack;
  /** The service's step functions by handler: one function even when several states call it. */
  private readonly taskFunctionsByHandler = new Map<HandlerRef, ServiceFunction>();
  private readonly aslCache = new Map<string, string>();
  private readonly result = {
    routes: {} as Record<string, ServiceFunction>,
    rules: {} as Record<string, ServiceFunction>,
    streams: {} as Record<string, ServiceFunction>,
    schedules: {} as Record<string, ServiceFunction>,
    stateMachines: {} as Record<string, StateMachine>,
    tasks: {} as Record<string, ServiceFunction>,
    deadLetterQueues: {} as Record<string, Queue>,
  };

  constructor(
    private readonly scope: Construct,
    private readonly props: ServiceWiringProps,
  ) {
    this.manifests = { ...platformManifests, ...props.manifests };
    this.stack = rootStackOf(scope);
  }

  wire(): WiredService {
    const { service } = this.props;
    const mine = <T extends { handler: HandlerRef }>(entries: readonly T[]) =>
      entries.filter((entry) => serviceOf(entry.handler) === service);

    // Steps and state machines first: the service's own routes and jobs may start them.
    this.wireTasks();
    for (const machine of this.manifests.stateMachines) {
      if (machine.owner === service) this.wireStateMachine(machine);
    }
    for (const route of mine(this.manifests.routes)) this.wireRoute(route);
    for (const rule of mine(this.manifests.rules)) this.wireRule(rule);
    for (const stream of mine(this.manifests.streams)) this.wireStream(stream);
    for (const schedule of mine(this.manifests.schedules)) this.wireSchedule(schedule);
    recordWired(this.stack, this.result);
    return this.result;
  }

  private wireRoute(route: RouteDefinition): void {
    const timeoutSeconds = route.timeoutSeconds ?? DEFAULT_ROUTE_TIMEOUT_SECONDS;
    if (timeoutSeconds > MAX_ROUTE_TIMEOUT_SECONDS) {
      throw new Error(
        `Route ${route.id} asks for ${timeoutSeconds} s; HTTP API integrations end at 30 s, so at most ${MAX_ROUTE_TIMEOUT_SECONDS}`,
      );
    }
    const fn = this.serviceFunction(`${route.id}Function`, route.handler, {
      description: `${route.method} ${route.path}`,
      timeoutSeconds,
      memoryMb: route.memoryMb,
    });
    // The shared middleware reads roles from the users table on every authenticated route,
    // and keeps each rate-limited route's counters in the rate-limits table.
    const tables: ResourceUse['tables'] = { ...route.uses?.tables };
    if (route.auth !== 'public') tables.users ??= 'read';
    if (route.rateLimit) tables['rate-limits'] = 'readWrite';
    const uses: ResourceUse = { ...route.uses, tables };
    this.grantUses(fn, uses, `Route ${route.id}`);
    const { auth } = this.props;
    this.identitySettings(fn);
    fn.addEnvironment('AUTH_ISSUER', auth.issuer);
    fn.addEnvironment('AUTH_JWKS_URI', auth.jwksUri);
    // Calls that skip the distribution are refused by the shared middleware (shared/http/handler.ts).
    const originVerify = this.props.platform.originVerify;
    if (originVerify) {
      originVerify.grantRead(fn);
      fn.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', originVerify.secretArn);
    }
    // A switched-off feature answers 503 from the shared middleware, which reads the switches.
    if (route.feature) {
      const flags = this.props.platform.featureFlags;
      if (!flags) {
        throw new Error(
          `Route ${route.id} belongs to the feature ${route.feature}, but the platform has no feature flags`,
        );
      }
      flags.grantReadFlags(fn);
    }

    const needsToken = route.auth === 'user' || route.auth === 'seller' || route.auth === 'admin';
    const httpRoute = new HttpRoute(this.scope, `${route.id}Route`, {
      httpApi: this.props.platform.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      authorizer: needsToken ? auth.authorizer : new HttpNoneAuthorizer(),
    });
    if (!needsToken) {
      acknowledge(httpRoute.node.defaultChild!, {
        id: 'AwsSolutions-APIG4',
        reason:
          route.auth === 'public'
            ? `${route.id} is public by design (auth: public in the routes manifest)`
            : `${route.id} serves anonymous callers too; its handler verifies a bearer token when one is sent`,
      });
    }
    this.result.routes[route.id] = fn;
    this.markWired('route', route.id);
  }

  private wireRule(rule: EventRuleDefinition): void {
    const name = pascalCase(rule.id);
    const fn = this.serviceFunction(`${name}Function`, rule.handler, { description: rule.description });
    this.grantUses(fn, rule.uses ?? {}, `Rule ${rule.id}`);
    const deadLetters = this.deadLetterQueue(rule.id);
    // EventBridge retries delivery; Lambda retries the asynchronous invocation. Both end in the queue.
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(deadLetters),
    });
    new Rule(this.scope, `${name}Rule`, {
      eventBus: this.eventBus(rule),
      description: rule.description,
      eventPattern: toEventPattern(rule.pattern, `Rule ${rule.id}`),
      targets: [
        new LambdaFunction(fn, {
          deadLetterQueue: deadLetters,
          retryAttempts: 20,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
    this.result.rules[rule.id] = fn;
    this.markWired('rule', rule.id);
  }

  /**
   * The bus a rule listens on: Bazaar's own, or the account's default bus, where AWS services
   * (S3's "Object Created", say) send their events.
   */
  private eventBus(rule: EventRuleDefinition): IEventBus {
    const bus = rule.bus ?? 'bazaar';
    if (bus === 'bazaar') return this.props.platform.bus;
    if (bus !== 'default')
      throw new Error(`Rule ${rule.id} names the bus ${bus}, which Bazaar does not have`);
    const existing = this.scope.node.tryFindChild('DefaultBus') as IEventBus | undefined;
    return existing ?? EventBus.fromEventBusName(this.scope, 'DefaultBus', 'default');
  }

  private wireStream(stream: StreamDefinition): void {
    const name = pascalCase(stream.id);
    const table = this.table(stream.table, `Stream ${stream.id}`);
    if (!table.tableStreamArn) {
      throw new Error(`Stream ${stream.id} reads table ${stream.table}, which declares no stream`);
    }
    const fn = this.serviceFunction(`${name}Function`, stream.handler, {
      description: `Consumes the ${stream.table} stream`,
    });
    this.grantUses(fn, stream.uses ?? {}, `Stream ${stream.id}`);
    const deadLetters = this.deadLetterQueue(stream.id);
    fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: stream.batchSize,
        bisectBatchOnError: true,
        retryAttempts: stream.maxRetries,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(deadLetters),
        filters: stream.filters?.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    this.result.streams[stream.id] = fn;
    this.markWired('stream', stream.id);
  }

  private wireSchedule(schedule: ScheduleDefinition): void {
    const name = pascalCase(schedule.id);
    const fn = this.serviceFunction(`${name}Function`, schedule.handler, {
      description: schedule.description,
      // A run may take until the next one is due (Lambda stops at 15 minutes).
      timeoutSeconds: Math.min(schedule.everySeconds, 900),
    });
    this.grantUses(fn, schedule.uses ?? {}, `Schedule ${schedule.id}`);
    const deadLetters = this.deadLetterQueue(schedule.id);
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(deadLetters),
    });
    new Schedule(this.scope, `${name}Schedule`, {
      description: schedule.description,
      schedule: rateOf(schedule),
      target: new LambdaInvoke(fn, {
        deadLetterQueue: deadLetters,
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
      }),
    });
    this.result.schedules[schedule.id] = fn;
    this.markWired('schedule', schedule.id);
  }

  /** One function per distinct handler of this service among all state machines' steps. */
  private wireTasks(): void {
    const { service } = this.props;
    const steps = new Map<HandlerRef, Array<{ machine: StateMachineDefinition; placeholder: string }>>();
    for (const machine of this.manifests.stateMachines) {
      for (const [placeholder, handler] of Object.entries(checkedTaskHandlers(machine, this.asl(machine)))) {
        if (serviceOf(handler) !== service) continue;
        steps.set(handler, [...(steps.get(handler) ?? []), { machine, placeholder }]);
      }
    }
    for (const [handler, calls] of steps) {
      const [first] = calls;
      const who = calls.map(({ machine, placeholder }) => `${machine.id}.${placeholder}`).join(', ');
      const fn = this.serviceFunction(
        `${pascalCase(first!.machine.id)}${stepName(first!.placeholder)}Function`,
        handler,
        {
          description: `State machine step ${who}`,
          // The function may take as long as the longest state that calls it allows.
          timeoutSeconds: Math.max(
            ...calls.map(
              ({ machine, placeholder }) =>
                taskTimeoutSeconds(this.asl(machine), placeholder) ?? DEFAULT_ASYNC_TIMEOUT_SECONDS,
            ),
          ),
        },
      );
      const uses = mergeUses(
        calls.map(({ machine, placeholder }) => {
          const taskUses = machine.taskUses[placeholder];
          if (!taskUses) {
            throw new Error(
              `State machine ${machine.id} declares no taskUses for ${placeholder}: ` +
                'name what its function touches, even if that is nothing ({})',
            );
          }
          return taskUses;
        }),
      );
      this.grantUses(fn, uses, `State machine step ${who}`);
      this.taskFunctionsByHandler.set(handler, fn);
      for (const { machine, placeholder } of calls) {
        this.result.tasks[`${machine.id}.${placeholder}`] = fn;
        this.markWired('state machine task', `${machine.id}.${placeholder}`);
      }
    }
  }

  private wireStateMachine(definition: StateMachineDefinition): void {
    const { id } = definition;
    const name = pascalCase(id);
    const asl = this.asl(definition);
    const taskHandlers = checkedTaskHandlers(definition, asl);
    const tasks = Object.fromEntries(
      Object.entries(taskHandlers).map(([placeholder, handler]): [string, IFunction] => {
        const fn =
          serviceOf(handler) === this.props.service
            ? this.taskFunctionsByHandler.get(handler)
            : this.props.taskFunctions?.[`${id}.${placeholder}`];
        if (!fn) {
          throw new Error(
            `State machine ${id} needs the function of its step ${placeholder} (${handler}): ` +
              `hand ${this.props.service} the tasks of ${serviceOf(handler)}'s construct as taskFunctions`,
          );
        }
        return [placeholder, fn];
      }),
    );

    const { stage } = this.props.platform;
    const machine = new StateMachine(this.scope, `${name}StateMachine`, {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: Object.fromEntries(
        Object.entries(tasks).map(([placeholder, fn]) => [placeholder, fn.functionArn]),
      ),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this.scope, `${name}StateMachineLogs`, {
          retention: stage.logRetention,
          removalPolicy: stage.removalPolicy,
        }),
        level: LogLevel.ALL,
        // Saga payloads carry addresses and payment references: kept out of production logs.
        includeExecutionData: !stage.production,
      },
      removalPolicy: stage.removalPolicy,
    });
    for (const fn of new Set(Object.values(tasks))) fn.grantInvoke(machine);
    this.result.stateMachines[id] = machine;
    this.markWired('state machine', id);
  }

  private asl(definition: StateMachineDefinition): string {
    const path = join(this.props.platform.stage.rootDir, definition.definitionFile);
    let asl = this.aslCache.get(path);
    if (asl === undefined) {
      asl = readFileSync(path, 'utf8');
      this.aslCache.set(path, asl);
    }
    return asl;
  }

  private serviceFunction(
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
  private identitySettings(fn: ServiceFunction): void {
    const { auth } = this.props;
    fn.addEnvironment('IDENTITY_PROVIDER', 'cognito');
    fn.addEnvironment('COGNITO_USER_POOL_ID', auth.userPoolId);
    fn.addEnvironment('AUTH_CLIENT_ID', auth.clientId);
  }

  private markWired(kind: string, id: string): void {
    const wired = wiredEntries.get(this.stack) ?? new Set<string>();
    wiredEntries.set(this.stack, wired.add(entryKey(kind, id)));
  }

  /** Grants exactly what a manifest entry `uses`, and tells the handler where to find it. */
  private grantUses(fn: ServiceFunction, uses: ResourceUse, who: string): void {
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
      const machine = this.result.stateMachines[id] ?? this.props.stateMachines?.[id];
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

  private table(id: TableId, who: string): ITable {
    const table = this.props.tables[id] ?? this.props.platform.tables[id];
    if (!table) {
      throw new Error(
        `${who} uses table ${id}, but ${this.props.service} was not given it: pass it in the service's props`,
      );
    }
    return table;
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

  private deadLetterQueue(id: string): Queue {
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
    this.result.deadLetterQueues[id] = queue;
    return queue;
  }
}
