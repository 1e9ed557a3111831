import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rules, stateMachines, streams, tables } from '../../functions/manifest';
import { paymentsDeps } from '../../functions/payments/deps';
import { oldestUnsettledRefund, REFUND_UNSETTLED_ALARM_SECONDS } from '../../functions/payments/refunds';
import { searchIndex } from '../../functions/search/index-factory';
import { intEnv } from '../../shared/config';
import {
  deadLetterAlarms,
  executionAlarms,
  LocalAlarms,
  streamDeadLetterAlarms,
  unsettledRefundAlarm,
} from '../alarms';
import { audit, auditOptionsFromEnvironment } from '../audit';
import { startAwsEndpoint } from '../aws-endpoint';
import { platformCdn } from '../cdn';
import { startDynamoDbLocal } from '../dynamodb-local';
import type { LocalEventBus } from '../event-bus';
import { startDynamoDbProxy } from '../faults/dynamodb-proxy';
import { FaultInjector } from '../faults/faults';
import { useFaultInjector } from '../lambda';
import { LocalMetrics } from '../metrics';
import type { LocalS3 } from '../s3-gateway';
import { issuerKey } from '../signing-key';
import type { LocalStepFunctions } from '../step-functions';
import type { StreamPoller } from '../stream-poller';
import { startStripeServer } from '../stripe-server';
import { ensureTables } from '../tables';
import type { Timers } from '../timers';
import {
  apiGateway,
  embeddedSearchReindex,
  startEventBus,
  startHttpServer,
  startImagesBucket,
  startStepFunctions,
  startStreams,
  startTimers,
} from './components';
import { componentLog, IMAGES_BUCKET, STRIPE_WEBHOOK_PATH } from './constants';
import { issuerUrl, localEnvironment, localTableNames } from './environment';
import { healthCheck } from './health';
import { platformRequestHandler } from './requests';
import { Shutdown } from './shutdown';

export { BUS_NAME, IMAGES_BUCKET, LOCAL_CLIENT_ID } from './constants';

export interface PlatformOptions {
  port: number;
  /** Keeps state across restarts; in memory when undefined. */
  dataDir?: string;
  /** Extra environment for handlers (timers shortened in tests, and so on). */
  env?: Record<string, string>;
  /** Where the HTTP server listens: loopback (127.0.0.1) unless widened. */
  host?: string;
  /** Seeds the faults' random choices, to replay a run; random when omitted. */
  faultSeed?: number;
  /** Faults armed from the start (as `POST /_local/faults` takes them; `BAZAAR_FAULTS`). */
  faults?: unknown[];
  /** The CDN in front of the API, as CloudFront is on AWS (default on; `--no-cdn` measures the origin). */
  cdn?: boolean;
}

export interface Platform {
  /** The site: the API behind the local CDN (unless `cdn: false`), the platform's pages and operations. */
  url: string;
  /** The API straight, no CDN in front (the same as `url` with `cdn: false`). */
  originUrl: string;
  port: number;
  bus: LocalEventBus;
  s3: LocalS3;
  poller: StreamPoller;
  timers: Timers;
  stepFunctions: LocalStepFunctions;
  faults: FaultInjector;
  /** The handlers' EMF metrics, as `/_local/metrics` serves them. */
  metrics: LocalMetrics;
  /** The alarms that make sense locally, as `/_local/alarms` serves them. */
  alarms: LocalAlarms;
  /** DynamoDB Local itself; handlers reach it through the fault proxy instead. */
  dynamoEndpoint: string;
  /** True on the first start of a data dir (or always in memory): the caller seeds then. */
  freshData: boolean;
  stop(): Promise<void>;
}

/**
 * Brings the whole platform up on this machine: DynamoDB Local with the manifest's tables,
 * the EventBridge-compatible bus, Step Functions, the stream poller, timers, and the HTTP
 * gateway with the local token issuer, OpenAPI and docs. Handlers run in this process,
 * unchanged, reaching the local services through the SDK's standard endpoint variables.
 * Each component starts in ./components; a failure stops what had started.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { dataDir, freshData } = openDataDir(options.dataDir);
  const shutdown = new Shutdown();
  const tableNames = localTableNames();
  const faults = new FaultInjector({
    seed: options.faultSeed,
    log: componentLog('faults'),
    tableName: (id) => tableNames.get(id as never),
  });
  faults.add(options.faults ?? []);
  useFaultInjector(faults);
  shutdown.add({ stop: async () => useFaultInjector(undefined) });
  try {
    const metrics = shutdown.add(new LocalMetrics().capture());
    const dynamo = shutdown.add(
      await startDynamoDbLocal({ dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined }),
    );
    const dynamoProxy = shutdown.add(await startDynamoDbProxy({ upstream: dynamo.endpoint, faults }));
    const aws = shutdown.add(await startAwsEndpoint());
    const stripe = shutdown.add(
      await startStripeServer({
        hangMs: intEnv('STRIPE_TEST_HANG_MS', 10_000),
        faults,
        dataDir: dataDir ? join(dataDir, 'stripe') : undefined,
      }),
    );
    const s3 = shutdown.add(await startImagesBucket(dataDir));
    const http = shutdown.add(await startHttpServer(options.port, options.host));
    const { url } = http;

    const key = issuerKey(dataDir);
    Object.assign(
      process.env,
      localEnvironment({
        url,
        dynamodb: dynamoProxy.endpoint,
        aws: aws.url,
        s3,
        stripe,
        issuerKey: key,
        tableNames,
      }),
      options.env,
    );
    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint });
    await ensureTables(dynamoClient, tables, (table) => tableNames.get(table.id)!);

    const { bus } = shutdown.add(startEventBus(aws, s3, faults, dataDir));
    const stepFunctions = shutdown.add(startStepFunctions(aws, dataDir));
    const reindex = embeddedSearchReindex(dynamoClient, tableNames.get('products')!);
    await reindex();
    const { poller } = shutdown.add(
      await startStreams({ dynamo: dynamoClient, endpoint: dynamo.endpoint, tableNames, dataDir, faults }),
    );
    const timers = shutdown.add(startTimers());

    const gateway = apiGateway(issuerUrl(url));
    stripe.setWebhookUrl(`${url}${STRIPE_WEBHOOK_PATH}`);
    const health = healthCheck({
      dynamo: dynamoClient,
      awsUrl: aws.url,
      imagesBucketUrl: s3.bucketUrl(IMAGES_BUCKET),
      poller,
    });
    const endpoints = {
      eventbridge: aws.url,
      sfn: aws.url,
      dynamodb: dynamo.endpoint,
      stripe: stripe.url,
      s3: s3.url,
    };
    const cdn =
      options.cdn === false
        ? undefined
        : platformCdn((request, requestUrl) => gateway.answer(request, requestUrl));
    const alarms = localAlarms(bus, poller, stepFunctions);
    // Around the fault proxy: the audit reads the books, not the faults.
    const books = DynamoDBDocumentClient.from(dynamoClient);
    const auditBooks = () =>
      audit({
        doc: books,
        tableName: (id) => tableNames.get(id)!,
        provider: () => ({ intents: stripe.intents(), refunds: stripe.refunds() }),
        searchIndex: process.env.SEARCH_ENGINE === 'embedded' ? searchIndex() : undefined,
        options: auditOptionsFromEnvironment(),
      });
    const context = {
      url,
      gateway,
      cdn,
      issuerKey: key,
      health,
      reindex,
      bus,
      stripe,
      faults,
      endpoints,
      metrics,
      alarms,
      stepFunctions,
      audit: auditBooks,
    };
    http.server.on('request', platformRequestHandler(context));
    // The API without the CDN, as API Gateway's own URL is on AWS (where the origin header guards
    // it): what tests of the origin's behaviour speak to, and what `--no-cdn` benchmarks measure.
    const origin = cdn ? shutdown.add(await startHttpServer(0, options.host)) : http;
    if (cdn) origin.server.on('request', platformRequestHandler({ ...context, cdn: undefined }));

    return {
      url,
      originUrl: origin.url,
      port: http.port,
      bus,
      s3,
      poller,
      timers,
      stepFunctions,
      faults,
      metrics,
      alarms,
      dynamoEndpoint: dynamo.endpoint,
      freshData,
      stop: () => shutdown.stopAll(),
    };
  } catch (error) {
    await shutdown.stopAll();
    throw error;
  }
}

/**
 * The alarm rules that make sense locally (see local/alarms.ts). A refund alarms after
 * BAZAAR_REFUND_UNSETTLED_ALARM_SECONDS, 15 minutes as on AWS unless a test shortens it.
 */
function localAlarms(
  bus: LocalEventBus,
  poller: StreamPoller,
  stepFunctions: LocalStepFunctions,
): LocalAlarms {
  return new LocalAlarms([
    ...deadLetterAlarms(rules, bus),
    ...streamDeadLetterAlarms(streams, poller),
    ...executionAlarms(stateMachines, stepFunctions),
    unsettledRefundAlarm(
      intEnv('BAZAAR_REFUND_UNSETTLED_ALARM_SECONDS', REFUND_UNSETTLED_ALARM_SECONDS),
      (seconds) => oldestUnsettledRefund(seconds, paymentsDeps()),
    ),
  ]);
}

/** The data dir, made if missing; its data is fresh when DynamoDB Local has no database there yet. */
function openDataDir(requested: string | undefined): { dataDir?: string; freshData: boolean } {
  const dataDir = requested ? resolve(requested) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const freshData = !dataDir || !existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'));
  return { dataDir, freshData };
}
