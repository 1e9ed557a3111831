import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { jwksOf } from '../functions/identity/providers/local-issuer';
import { searchIndex } from '../functions/search/index-factory';
import { reindexFromTable } from '../functions/search/reindex';
import { createTokenVerifier } from '../shared/auth/token-verifier';
import { intEnv } from '../shared/config';
import type { BusEvent } from '../shared/events';
import { routes, rules, schedules, stateMachines, streams, tableById, tables } from '../shared/manifests';
import type { TableDefinition } from '../shared/manifests/types';
import { openApiDocument } from '../shared/openapi';
import { startAwsEndpoint } from './aws-endpoint';
import { docsPage, serveDocsAsset } from './docs';
import { startDynamoDbLocal } from './dynamodb-local';
import { DEFAULT_BUS, LocalEventBus } from './event-bus';
import { corsHeaders, LocalGateway, writeJson } from './gateway';
import { invoke } from './lambda';
import { type LocalS3, startLocalS3 } from './s3-gateway';
import { issuerKey } from './signing-key';
import { LocalStepFunctions, stateMachineArn } from './step-functions';
import { StreamPoller } from './stream-poller';
import { type StripeTestServer, startStripeServer } from './stripe-server';
import { ensureTables, localTableName } from './tables';
import { Timers } from './timers';

export interface PlatformOptions {
  port: number;
  /** Keeps state across restarts; in memory when undefined. */
  dataDir?: string;
  /** Extra environment for handlers (timers shortened in tests, and so on). */
  env?: Record<string, string>;
}

export interface Platform {
  url: string;
  port: number;
  bus: LocalEventBus;
  s3: LocalS3;
  poller: StreamPoller;
  timers: Timers;
  stepFunctions: LocalStepFunctions;
  dynamoEndpoint: string;
  /** True on the first start of a data dir (or always in memory): the caller seeds then. */
  freshData: boolean;
  stop(): Promise<void>;
}

export const LOCAL_CLIENT_ID = 'bazaar-local';
export const BUS_NAME = 'bazaar';
export const IMAGES_BUCKET = 'bazaar-images';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Brings the whole platform up on this machine: DynamoDB Local with the manifest's tables,
 * the EventBridge-compatible bus, the stream poller, timers, and the HTTP gateway with the
 * local token issuer, OpenAPI and docs. Handlers run in this process, unchanged, reaching
 * the local services through the SDK's standard endpoint variables.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const freshData = !dataDir || !existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'));

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error('[platform] stop failed:', (error as Error).message);
      }
    }
  };

  try {
    const dynamo = await startDynamoDbLocal({ dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined });
    stops.push(() => dynamo.stop());
    const aws = await startAwsEndpoint();
    stops.push(() => aws.stop());
    const stripe: StripeTestServer = await startStripeServer({
      hangMs: intEnv('STRIPE_TEST_HANG_MS', 10_000),
    });
    stops.push(() => stripe.stop());
    // S3: s3rver behind a front that holds POST uploads to their policy and reports objects to EventBridge.
    const s3 = await startLocalS3({
      buckets: [IMAGES_BUCKET],
      credentials: LOCAL_CREDENTIALS,
      directory: dataDir ? join(dataDir, 's3') : undefined,
      portFile: dataDir ? join(dataDir, 's3-port') : undefined,
      log: (message, fields) => console.error(`[s3] ${message}`, JSON.stringify(fields)),
    });
    stops.push(() => s3.stop());

    const server: Server = createServer();
    await new Promise<void>((ready) => server.listen(options.port, '0.0.0.0', ready));
    const port = (server.address() as AddressInfo).port;
    const url = `http://localhost:${port}`;
    stops.push(
      () =>
        new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    );

    const key = issuerKey(dataDir);
    const issuer = `${url}/local-issuer`;
    const tableNames = new Map<TableDefinition['id'], string>(
      tables.map((table) => [table.id, localTableName(table)]),
    );
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: aws.url,
      AWS_ENDPOINT_URL_SFN: aws.url,
      AWS_ENDPOINT_URL_S3: s3.url,
      S3_FORCE_PATH_STYLE: 'true',
      IMAGES_BUCKET_NAME: IMAGES_BUCKET,
      IMAGES_BASE_URL: s3.bucketUrl(IMAGES_BUCKET),
      EVENT_BUS_NAME: BUS_NAME,
      STRIPE_SECRET: 'sk_test_bazaar_local',
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: stripe.protocol,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      IDENTITY_PROVIDER: 'local',
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URI: `${issuer}/.well-known/jwks.json`,
      AUTH_CLIENT_ID: LOCAL_CLIENT_ID,
      LOCAL_ISSUER_KEY_ID: key.keyId,
      LOCAL_ISSUER_PRIVATE_KEY: key.privateKeyPem,
      SEARCH_ENGINE: 'embedded',
      EMAIL_DELIVERY: 'record',
      CARRIER_WEBHOOK_SECRET: process.env.CARRIER_WEBHOOK_SECRET ?? 'whsec_carrier_local',
      BAZAAR_VALIDATE_RESPONSES: process.env.BAZAAR_VALIDATE_RESPONSES ?? '1',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      ...Object.fromEntries(tables.map((table) => [table.envVar, tableNames.get(table.id)!])),
      ...Object.fromEntries(stateMachines.map((machine) => [machine.envVar, stateMachineArn(machine.id)])),
      ...options.env,
    });

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint });
    await ensureTables(dynamoClient, tables, (table) => tableNames.get(table.id)!);

    const bus = new LocalEventBus({
      busName: BUS_NAME,
      log: (message, fields) => console.error(`[bus] ${message}`, JSON.stringify(fields)),
    });
    bus.attach(aws);
    for (const rule of rules) {
      bus.addTarget({
        ruleId: rule.id,
        bus: rule.bus === 'default' ? DEFAULT_BUS : BUS_NAME,
        pattern: rule.pattern,
        deliver: (event) => invoke(rule.handler, event),
      });
    }
    // The images bucket has EventBridge notifications on: S3 sends to the account's default bus.
    s3.onEvent((event) => bus.publish(event as unknown as BusEvent, DEFAULT_BUS));
    stops.push(() => Promise.race([bus.idle(), new Promise<void>((done) => setTimeout(done, 5000))]));

    // The same ASL files the CDK app deploys, run by aws-local-stepfunctions (BAZAAR_SFN_WAIT_SCALE scales waits).
    const stepFunctions = new LocalStepFunctions({
      stateMachines,
      log: (message, fields) => console.error(`[sfn] ${message}`, JSON.stringify(fields)),
    });
    stepFunctions.attach(aws);
    stops.push(() => stepFunctions.stop());

    // The embedded search index lives in memory: rebuild it from the table (a restart with a
    // data dir keeps the table but not the index); the stream keeps it current from here on.
    const documents = DynamoDBDocumentClient.from(dynamoClient, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const reindex = (onProgress?: (indexed: number, scanned: number) => void) =>
      reindexFromTable(documents, tableNames.get('products')!, searchIndex(), { onProgress });
    await reindex();

    const checkpointFile = dataDir ? join(dataDir, 'stream-checkpoints.json') : undefined;
    const checkpoints = new Map<string, string>(
      checkpointFile && existsSync(checkpointFile)
        ? Object.entries(JSON.parse(readFileSync(checkpointFile, 'utf8')))
        : [],
    );
    const poller = new StreamPoller({
      dynamodb: dynamoClient,
      streams: new DynamoDBStreamsClient({ endpoint: dynamo.endpoint }),
      checkpoints,
      log: (message, fields) => console.error(`[streams] ${message}`, JSON.stringify(fields)),
    });
    for (const stream of streams) {
      await poller.add({
        id: stream.id,
        tableName: tableNames.get(tableById(stream.table).id)!,
        batchSize: stream.batchSize,
        maxRetries: stream.maxRetries,
        filters: stream.filters,
        deliver: (event) => invoke(stream.handler, event),
      });
    }
    poller.start();
    stops.push(async () => {
      await poller.stop();
      if (checkpointFile) writeFileSync(checkpointFile, JSON.stringify(Object.fromEntries(checkpoints)));
    });

    const timers = new Timers((message, fields) =>
      console.error(`[timers] ${message}`, JSON.stringify(fields)),
    );
    for (const schedule of schedules) {
      const override = process.env[schedule.envOverride];
      timers.schedule({
        id: schedule.id,
        everySeconds: override ? Number(override) : schedule.everySeconds,
        run: (event) => invoke(schedule.handler, event),
      });
    }
    stops.push(() => timers.stop());

    const verifier = createTokenVerifier({
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      clientId: LOCAL_CLIENT_ID,
    });
    const gateway = new LocalGateway(routes, verifier, (route, event) =>
      invoke(route.handler, event, (route.timeoutSeconds ?? 29) * 1000),
    );
    stripe.setWebhookUrl(`${url}/api/v1/payments/webhooks/stripe`);
    const openApi = openApiDocument(routes, url);
    const jwks = jwksOf(key.privateKeyPem, key.keyId);

    server.on('request', (request, response) => {
      const requestUrl = new URL(request.url ?? '/', url);
      void (async () => {
        try {
          if (await gateway.handle(request, response, requestUrl)) return;
          const path = requestUrl.pathname;
          if (path === '/api/v1/health') {
            const components = await health(dynamoClient, aws.url);
            const up = Object.values(components).every((state) => state === 'up');
            writeJson(
              response,
              up ? 200 : 503,
              { status: up ? 'ok' : 'degraded', components },
              corsHeaders(request),
            );
          } else if (path === '/api/v1/openapi.json') {
            writeJson(response, 200, openApi, corsHeaders(request));
          } else if (path === '/local-issuer/.well-known/jwks.json') {
            writeJson(response, 200, jwks);
          } else if (path === '/docs' || path === '/docs/') {
            response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            response.end(docsPage('/api/v1/openapi.json'));
          } else if (path.startsWith('/docs/assets/')) {
            serveDocsAsset(path.slice('/docs/assets/'.length), response);
          } else if (request.method === 'POST' && path === '/_local/reindex') {
            // `npm run reindex` for the embedded index, which lives in this process: progress as lines.
            response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
            let last = 0;
            const result = await reindex((indexed, scanned) => {
              if (scanned - last >= 1000) {
                last = scanned;
                response.write(`scanned ${scanned}, indexed ${indexed}\n`);
              }
            });
            response.end(`done: scanned ${result.scanned}, indexed ${result.indexed}\n`);
          } else if (path === '/_local/endpoints') {
            writeJson(response, 200, {
              eventbridge: aws.url,
              sfn: aws.url,
              dynamodb: dynamo.endpoint,
              stripe: stripe.url,
              s3: s3.url,
            });
          } else if (request.method === 'POST' && /^\/_local\/schedules\/[\w-]+\/run$/.test(path)) {
            // Runs a schedule now (ops and tests), with an optional event `detail`.
            const schedule = schedules.find((candidate) => path === `/_local/schedules/${candidate.id}/run`);
            if (!schedule) return writeJson(response, 404, { message: 'No such schedule' });
            const detail = JSON.parse((await readAll(request)) || '{}');
            writeJson(response, 200, {
              result: await invoke(schedule.handler, {
                'detail-type': 'Scheduled Event',
                source: 'aws.scheduler',
                detail,
              }),
            });
          } else if (request.method === 'POST' && path === '/_local/invoke') {
            // Invokes a saga task or event handler directly, as a duplicated delivery would.
            const { handler, event } = JSON.parse((await readAll(request)) || '{}');
            const known = new Set<string>([
              ...rules.map((rule) => rule.handler),
              ...streams.map((stream) => stream.handler),
              ...schedules.map((schedule) => schedule.handler),
              ...stateMachines.flatMap((machine) => Object.values(machine.taskHandlers)),
            ]);
            if (!known.has(handler)) return writeJson(response, 404, { message: 'Not a manifest handler' });
            try {
              writeJson(response, 200, { result: (await invoke(handler, event)) ?? null });
            } catch (error) {
              writeJson(response, 200, {
                error: { name: (error as Error).name, message: (error as Error).message },
              });
            }
          } else if (request.method === 'POST' && path === '/_local/flags') {
            // Locally the feature switches are environment variables of this process: set them here.
            const flags = JSON.parse((await readAll(request)) || '{}') as Record<string, boolean>;
            for (const [feature, enabled] of Object.entries(flags)) {
              if (feature === 'reviews' || feature === 'recommendations') {
                process.env[`FEATURE_${feature.toUpperCase()}`] = enabled ? 'on' : 'off';
              }
            }
            writeJson(response, 200, {
              reviews: process.env.FEATURE_REVIEWS ?? 'on',
              recommendations: process.env.FEATURE_RECOMMENDATIONS ?? 'on',
            });
          } else if (request.method === 'POST' && path === '/_local/stripe/webhooks') {
            // Lets a test take Stripe's webhooks away, to prove the reconciler alone settles an order.
            const { enabled } = JSON.parse((await readAll(request)) || '{}');
            stripe.setWebhookUrl(enabled === false ? undefined : `${url}/api/v1/payments/webhooks/stripe`);
            writeJson(response, 200, { enabled: enabled !== false });
          } else if (path === '/_local/events') {
            const detailType = requestUrl.searchParams.get('detail-type');
            const events = bus.history.filter((event) => !detailType || event['detail-type'] === detailType);
            writeJson(response, 200, { events, dead_letters: bus.deadLetters });
          } else {
            writeJson(response, 404, { message: 'Not Found' });
          }
        } catch (error) {
          console.error('[platform] request failed:', error);
          if (!response.headersSent) writeJson(response, 500, { message: 'Internal Server Error' });
        }
      })();
    });

    async function readAll(request: IncomingMessage): Promise<string> {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }

    async function health(client: DynamoDBClient, awsUrl: string): Promise<Record<string, 'up' | 'down'>> {
      const check = (probe: Promise<unknown>) =>
        probe.then(
          () => 'up' as const,
          () => 'down' as const,
        );
      return {
        dynamodb: await check(client.send(new ListTablesCommand({ Limit: 1 }))),
        event_bus: await check(fetch(awsUrl, { method: 'POST', signal: AbortSignal.timeout(1000) })),
        s3: await check(
          fetch(s3.bucketUrl(IMAGES_BUCKET), { method: 'HEAD', signal: AbortSignal.timeout(1000) }).then(
            (answer) => {
              if (!answer.ok) throw new Error(`HEAD bucket answered ${answer.status}`);
            },
          ),
        ),
        gateway: 'up',
        stream_poller: poller ? 'up' : 'down',
        timers: 'up',
      };
    }

    return {
      url,
      port,
      bus,
      s3,
      poller,
      timers,
      stepFunctions,
      dynamoEndpoint: dynamo.endpoint,
      freshData,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
