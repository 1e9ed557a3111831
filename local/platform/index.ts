import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rules, stateMachines, streams, tables } from '../../functions/manifest';
import { paymentsDeps } from '../../functions/payments/deps';
import { oldestUnsettledRefund, REFUND_UNSETTLED_ALARM_SECONDS } from '../../functions/payments/refunds';
import { intEnv } from '../../shared/config';
import {
  deadLetterAlarms,
  executionAlarms,
  LocalAlarms,
  streamDeadLetterAlarms,
  unsettledRefundAlarm,
} from '../alarms';
import type { LocalEventBus } from '../event-bus';
import type { FaultInjector } from '../faults/faults';
import { useFaultInjector } from '../lambda';
import { LocalMetrics } from '../metrics';
import type { LocalS3 } from '../s3-gateway';
import { issuerKey } from '../signing-key';
import type { LocalStepFunctions } from '../step-functions';
import type { StreamPoller } from '../stream-poller';
import { ensureTables } from '../tables';
import type { Timers } from '../timers';
import {
  armedFaultInjector,
  type EventRuntime,
  startEventRuntime,
  startHttpServer,
  startLocalServices,
} from './components';
import { localEnvironment, localTableNames } from './environment';
import { startFrontDoor } from './front-door';
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
  /** DynamoDB Local, which handlers reach too, through their client's fault middleware. */
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
 * The components start in ./components, the HTTP front door in ./front-door; a failure stops
 * what had started.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { dataDir, freshData } = openDataDir(options.dataDir);
  const shutdown = new Shutdown();
  const tableNames = localTableNames();
  const faults = armedFaultInjector({ seed: options.faultSeed, faults: options.faults, tableNames });
  useFaultInjector(faults);
  shutdown.add({ stop: async () => useFaultInjector(undefined) });
  try {
    const metrics = shutdown.add(new LocalMetrics().capture());
    const services = await startLocalServices(shutdown, dataDir, faults);
    const http = shutdown.add(await startHttpServer(options.port, options.host));
    const { url } = http;

    const key = issuerKey(dataDir);
    Object.assign(
      process.env,
      localEnvironment({
        url,
        dynamodb: services.dynamo.endpoint,
        aws: services.aws.url,
        s3: services.s3,
        stripe: services.stripe,
        issuerKey: key,
        tableNames,
      }),
      options.env,
    );
    // The platform's own client, without the handlers' middleware: its reads meet no faults.
    const dynamo = new DynamoDBClient({ endpoint: services.dynamo.endpoint });
    await ensureTables(dynamo, tables, (table) => tableNames.get(table.id)!);

    const runtime = await startEventRuntime(shutdown, { services, dynamo, tableNames, dataDir, faults });
    const alarms = localAlarms(runtime);
    const front = shutdown.add(
      await startFrontDoor(
        { http, services, runtime, dynamo, tableNames, issuerKey: key, faults, metrics, alarms },
        options,
      ),
    );

    return {
      url,
      originUrl: front.originUrl,
      port: http.port,
      bus: runtime.bus,
      s3: services.s3,
      poller: runtime.poller,
      timers: runtime.timers,
      stepFunctions: runtime.stepFunctions,
      faults,
      metrics,
      alarms,
      dynamoEndpoint: services.dynamo.endpoint,
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
function localAlarms({ bus, poller, stepFunctions }: EventRuntime): LocalAlarms {
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
