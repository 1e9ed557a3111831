import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { routes, rules, schedules, stateMachines, streams, tableById } from '../../functions/manifest';
import { searchIndex } from '../../functions/search/index-factory';
import { reindexFromTable } from '../../functions/search/reindex';
import { createTokenVerifier } from '../../shared/auth/token-verifier';
import { useInDynamoDbClient } from '../../shared/clients';
import { intEnv } from '../../shared/config';
import type { BusEvent } from '../../shared/events';
import { writeFileAtomic } from '../atomic-file';
import { type AwsEndpoint, startAwsEndpoint } from '../aws-endpoint';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb-local';
import { DEFAULT_BUS, LocalEventBus } from '../event-bus';
import { DeliveryJournal } from '../event-bus-journal';
import { type LocalDynamoDb, localDynamoDb } from '../faults/dynamodb-middleware';
import { FaultInjector, type FaultKind } from '../faults/faults';
import { LocalGateway } from '../gateway';
import { invoke } from '../lambda';
import { type LocalS3, startLocalS3 } from '../s3-gateway';
import { LocalStepFunctions } from '../step-functions';
import { StreamPoller } from '../stream-poller';
import { type StripeTestServer, startStripeServer } from '../stripe-server';
import { Timers } from '../timers';
import { BUS_NAME, componentLog, IMAGES_BUCKET, LOCAL_CLIENT_ID, LOCAL_CREDENTIALS } from './constants';
import type { TableNames } from './environment';
import { jwksUri } from './environment';
import type { Component, Shutdown } from './shutdown';

/**
 * The local platform's components, each started by its own function from what it needs.
 * Each returns something `Shutdown` can stop; the two groups (the local services, the event
 * runtime) add each of theirs to `shutdown` as it comes up.
 */

/**
 * The fault injector every component consults, armed with `faults` from the start; a fault's
 * target may name a table by its manifest id or its local name.
 */
export function armedFaultInjector(options: {
  seed: number | undefined;
  faults: unknown[] | undefined;
  tableNames: TableNames;
}): FaultInjector {
  const faults = new FaultInjector({
    seed: options.seed,
    log: componentLog('faults'),
    tableName: (id) => options.tableNames.get(id as never),
  });
  faults.add(options.faults ?? []);
  return faults;
}

/** The stand-ins for the services handlers call over the network. */
export interface LocalServices {
  /** DynamoDB Local itself; the handlers' client carries `handlersDynamoDb`, where faults are injected. */
  dynamo: DynamoDbLocal;
  handlersDynamoDb: LocalDynamoDb;
  /** The JSON-protocol endpoint: EventBridge and Step Functions. */
  aws: AwsEndpoint;
  stripe: StripeTestServer;
  s3: LocalS3;
}

/**
 * Starts the stand-ins for the services handlers call over the network, each on a port of its
 * own: DynamoDB Local (its faults injected on the handlers' client), the AWS endpoint, the
 * Stripe-compatible server and the images bucket. Each joins `shutdown` as soon as it is up, so a later failure stops it.
 */
export async function startLocalServices(
  shutdown: Shutdown,
  dataDir: string | undefined,
  faults: FaultInjector,
): Promise<LocalServices> {
  const dynamo = shutdown.add(
    await startDynamoDbLocal({ dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined }),
  );
  const handlersDynamoDb = localDynamoDb(faults);
  useInDynamoDbClient(handlersDynamoDb.plugin);
  const aws = shutdown.add(await startAwsEndpoint());
  const stripe = shutdown.add(await startStripe(faults, dataDir));
  const s3 = shutdown.add(await startImagesBucket(dataDir));
  return { dynamo, handlersDynamoDb, aws, stripe, s3 };
}

/**
 * The Stripe-compatible server, its state kept with a data dir. `pm_card_bazaar_hang` withholds
 * its answer for STRIPE_TEST_HANG_MS (10 s by default, as long as the payments adapter waits).
 */
export function startStripe(faults: FaultInjector, dataDir: string | undefined): Promise<StripeTestServer> {
  return startStripeServer({
    hangMs: intEnv('STRIPE_TEST_HANG_MS', 10_000),
    faults,
    dataDir: dataDir ? join(dataDir, 'stripe') : undefined,
  });
}

/** S3: s3rver behind a front that holds POST uploads to their policy and reports objects to EventBridge. */
export function startImagesBucket(dataDir: string | undefined): Promise<LocalS3> {
  return startLocalS3({
    buckets: [IMAGES_BUCKET],
    credentials: LOCAL_CREDENTIALS,
    directory: dataDir ? join(dataDir, 's3') : undefined,
    portFile: dataDir ? join(dataDir, 's3-port') : undefined,
    log: componentLog('s3'),
  });
}

/**
 * The platform's HTTP server on `port` (0: a free one); requests are attached later. It
 * listens on loopback only unless `host` widens it (`0.0.0.0`): `/_local/*` lets a caller
 * invoke any handler and break the platform, which nobody else on the network should.
 * Linux routes all of 127/8 to the loopback interface, so clients may still connect from
 * any 127.x.y.z source address (the e2e tests' per-client addresses).
 */
export async function startHttpServer(
  port: number,
  host = '127.0.0.1',
): Promise<Component & { server: Server; port: number; url: string }> {
  const server: Server = createServer();
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ready();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    url: `http://localhost:${bound}`,
    stop: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** What invokes handlers besides an HTTP request, and the search index the products stream feeds. */
export interface EventRuntime {
  bus: LocalEventBus;
  stepFunctions: LocalStepFunctions;
  reindex: Reindex;
  poller: StreamPoller;
  timers: Timers;
}

/**
 * Starts what invokes handlers besides an HTTP request: the bus, Step Functions, the streams and
 * the timers, once the tables exist; the embedded search index is rebuilt before the products
 * stream feeds it again. Each joins `shutdown` as soon as it is up, so a later failure stops it.
 */
export async function startEventRuntime(
  shutdown: Shutdown,
  parts: {
    services: LocalServices;
    /** DynamoDB Local straight, around the handlers' faults. */
    dynamo: DynamoDBClient;
    tableNames: TableNames;
    dataDir: string | undefined;
    faults: FaultInjector;
  },
): Promise<EventRuntime> {
  const { services, dynamo, tableNames, dataDir, faults } = parts;
  const { bus } = shutdown.add(startEventBus(services.aws, services.s3, faults, dataDir));
  const stepFunctions = shutdown.add(startStepFunctions(services.aws, dataDir));
  const reindex = embeddedSearchReindex(dynamo, tableNames.get('products')!);
  await reindex();
  const { poller } = shutdown.add(
    await startStreams({ dynamo, endpoint: services.dynamo.endpoint, tableNames, dataDir, faults }),
  );
  // A table's stream is read soon after a handler writes to it, and seldom when idle. What
  // writes with a client of its own (the demo seed, a test) waits at most the idle interval (1 s).
  services.handlersDynamoDb.onWrite((tableName) => poller.wake(tableName));
  const timers = shutdown.add(startTimers());
  return { bus, stepFunctions, reindex, poller, timers };
}

/**
 * The EventBridge-compatible bus on the AWS endpoint, delivering to every manifest rule's
 * handler. Stopping waits (at most 5 s) for deliveries in flight. With a data dir, undelivered
 * events and dead letters are journaled there, and a restart re-delivers the pending ones.
 */
export function startEventBus(
  aws: AwsEndpoint,
  s3: LocalS3,
  faults: FaultInjector,
  dataDir: string | undefined,
): Component & { bus: LocalEventBus } {
  const journal = dataDir ? new DeliveryJournal(join(dataDir, 'event-bus.jsonl')) : undefined;
  const bus = new LocalEventBus({ busName: BUS_NAME, log: componentLog('bus'), faults, journal });
  bus.attach(aws);
  for (const rule of rules) {
    bus.addTarget({
      ruleId: rule.id,
      bus: rule.bus === 'default' ? DEFAULT_BUS : BUS_NAME,
      pattern: rule.pattern,
      deliver: faulty(faults, 'events:delivery-error', rule.handler, (event) => invoke(rule.handler, event)),
    });
  }
  // The images bucket has EventBridge notifications on: S3 sends to the account's default bus.
  s3.onEvent((event) => bus.publish(event as unknown as BusEvent, DEFAULT_BUS));
  // What a crash left undelivered goes out again, now that every rule has its target.
  bus.resumePending();
  return {
    bus,
    stop: async () => {
      await Promise.race([bus.idle(), new Promise<void>((done) => setTimeout(done, 5000))]);
      journal?.close();
    },
  };
}

/**
 * The same ASL files the CDK app deploys, run by aws-local-stepfunctions (BAZAAR_SFN_WAIT_SCALE
 * scales waits). With a data dir, executions are kept there and the running ones resume.
 */
export function startStepFunctions(aws: AwsEndpoint, dataDir: string | undefined): LocalStepFunctions {
  const stepFunctions = new LocalStepFunctions({
    stateMachines,
    dataDir: dataDir ? join(dataDir, 'step-functions') : undefined,
    log: componentLog('sfn'),
  });
  stepFunctions.attach(aws);
  return stepFunctions;
}

export type Reindex = (
  onProgress?: (indexed: number, scanned: number) => void,
) => ReturnType<typeof reindexFromTable>;

/**
 * Rebuilds the embedded search index, which lives in memory, from the products table (a
 * restart with a data dir keeps the table but not the index); the stream keeps it current.
 */
export function embeddedSearchReindex(dynamo: DynamoDBClient, productsTable: string): Reindex {
  const documents = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return (onProgress) => reindexFromTable(documents, productsTable, searchIndex(), { onProgress });
}

/**
 * Polls every manifest stream and delivers its records to the stream's handler. With a data
 * dir, the shard checkpoints are read at start, and written (crash-safely) every half second
 * and at stop, so a restart resumes — after a kill, replaying at most the last half second.
 */
export async function startStreams(options: {
  dynamo: DynamoDBClient;
  endpoint: string;
  tableNames: TableNames;
  dataDir: string | undefined;
  faults: FaultInjector;
}): Promise<Component & { poller: StreamPoller }> {
  const checkpointFile = options.dataDir ? join(options.dataDir, 'stream-checkpoints.json') : undefined;
  const checkpoints = new Map<string, string>(
    checkpointFile && existsSync(checkpointFile)
      ? Object.entries(JSON.parse(readFileSync(checkpointFile, 'utf8')))
      : [],
  );
  const poller = new StreamPoller({
    dynamodb: options.dynamo,
    streams: new DynamoDBStreamsClient({ endpoint: options.endpoint }),
    // Woken by every handler's write, so only what writes with a client of its own waits this long.
    idlePollIntervalMs: 1000,
    checkpoints,
    log: componentLog('streams'),
  });
  for (const stream of streams) {
    await poller.add({
      id: stream.id,
      tableName: options.tableNames.get(tableById(stream.table).id)!,
      batchSize: stream.batchSize,
      maxRetries: stream.maxRetries,
      filters: stream.filters,
      deliver: faulty(options.faults, 'streams:batch-error', stream.handler, (event) =>
        invoke(stream.handler, event),
      ),
    });
  }
  poller.start();
  let written = JSON.stringify(Object.fromEntries(checkpoints));
  const writeCheckpoints = () => {
    const text = JSON.stringify(Object.fromEntries(checkpoints));
    if (!checkpointFile || text === written) return;
    writeFileAtomic(checkpointFile, text);
    written = text;
  };
  const saver = checkpointFile ? setInterval(writeCheckpoints, 500) : undefined;
  saver?.unref();
  return {
    poller,
    stop: async () => {
      clearInterval(saver);
      await poller.stop();
      writeCheckpoints();
    },
  };
}

/** Runs every manifest schedule; a schedule's `envOverride` variable sets its period in seconds. */
export function startTimers(): Timers {
  const timers = new Timers(componentLog('timers'));
  for (const schedule of schedules) {
    const override = process.env[schedule.envOverride];
    timers.schedule({
      id: schedule.id,
      everySeconds: override ? Number(override) : schedule.everySeconds,
      run: (event) => invoke(schedule.handler, event),
    });
  }
  return timers;
}

/** The manifest's HTTP API, its tokens checked against the local issuer as the JWT authorizer would. */
export function apiGateway(issuer: string): LocalGateway {
  const verifier = createTokenVerifier({ issuer, jwksUri: jwksUri(issuer), clientId: LOCAL_CLIENT_ID });
  return new LocalGateway(routes, verifier, (route, event) =>
    invoke(route.handler, event, (route.timeoutSeconds ?? 29) * 1000),
  );
}

/** A delivery that an armed fault of `kind` on its handler fails before the handler is reached. */
function faulty<E extends object, R>(
  faults: FaultInjector,
  kind: FaultKind,
  handler: string,
  deliver: (event: E) => Promise<R>,
): (event: E) => Promise<R> {
  return async (event) => {
    const fault = faults.fire(kind, {
      handler,
      ...('detail-type' in event ? { event: event as { id?: string; 'detail-type'?: string } } : {}),
      text: () => JSON.stringify(event),
    });
    if (fault) throw new Error(`Fault ${fault.id} (${kind}) failed the delivery to ${handler}`);
    return deliver(event);
  };
}
