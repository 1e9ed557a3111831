import type { Server } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { searchIndex } from '../../functions/search/index-factory';
import type { LocalAlarms } from '../alarms';
import { type AuditReport, audit, auditOptionsFromEnvironment } from '../audit';
import { platformCdn } from '../cdn';
import type { FaultInjector } from '../faults/faults';
import type { LocalMetrics } from '../metrics';
import type { StripeTestServer } from '../stripe-server';
import { apiGateway, type EventRuntime, type LocalServices, startHttpServer } from './components';
import { IMAGES_BUCKET, STRIPE_WEBHOOK_PATH } from './constants';
import { issuerUrl, type TableNames } from './environment';
import { healthCheck } from './health';
import { type PlatformRequestContext, platformRequestHandler } from './requests';
import type { Component } from './shutdown';

/** What the front door answers from: the platform's parts, as they started. */
export interface FrontDoorParts {
  /** The platform's HTTP server; its URL is the platform's. */
  http: { server: Server; url: string };
  services: LocalServices;
  /** The platform's own DynamoDB client, without the handlers' faults: health and the audit read with it. */
  dynamo: DynamoDBClient;
  tableNames: TableNames;
  issuerKey: PlatformRequestContext['issuerKey'];
  runtime: EventRuntime;
  faults: FaultInjector;
  metrics: LocalMetrics;
  alarms: LocalAlarms;
}

/**
 * The platform's front door on its HTTP server: the manifest's API through the local CDN (unless
 * `cdn` is false) and the gateway, which Stripe's webhooks are sent to as well; then the
 * platform's own pages and the `/_local/*` operations. With the CDN on, a second server answers
 * the same without it, as API Gateway's own URL does on AWS (where the origin header guards it):
 * what tests of the origin's behaviour speak to, and what `--no-cdn` benchmarks measure.
 */
export async function startFrontDoor(
  parts: FrontDoorParts,
  options: { cdn?: boolean; host?: string },
): Promise<Component & { originUrl: string }> {
  const { http, services, runtime, dynamo } = parts;
  const { url } = http;
  const gateway = apiGateway(issuerUrl(url));
  services.stripe.setWebhookUrl(`${url}${STRIPE_WEBHOOK_PATH}`);
  const cdn =
    options.cdn === false
      ? undefined
      : platformCdn((request, requestUrl) => gateway.answer(request, requestUrl));
  const context: PlatformRequestContext = {
    url,
    gateway,
    cdn,
    issuerKey: parts.issuerKey,
    health: healthCheck({
      dynamo,
      awsUrl: services.aws.url,
      imagesBucketUrl: services.s3.bucketUrl(IMAGES_BUCKET),
      poller: runtime.poller,
    }),
    reindex: runtime.reindex,
    bus: runtime.bus,
    stripe: services.stripe,
    faults: parts.faults,
    endpoints: {
      eventbridge: services.aws.url,
      sfn: services.aws.url,
      dynamodb: services.dynamo.endpoint,
      stripe: services.stripe.url,
      s3: services.s3.url,
    },
    metrics: parts.metrics,
    alarms: parts.alarms,
    stepFunctions: runtime.stepFunctions,
    audit: booksAudit(dynamo, parts.tableNames, services.stripe),
  };
  http.server.on('request', platformRequestHandler(context));
  if (!cdn) return { originUrl: url, stop: async () => {} };
  const origin = await startHttpServer(0, options.host);
  origin.server.on('request', platformRequestHandler({ ...context, cdn: undefined }));
  return { originUrl: origin.url, stop: () => origin.stop() };
}

/**
 * Checks the books (`GET /_local/audit`): the tables read with the platform's own client, without
 * the handlers' faults, so the audit reads the books and not the faults; the provider's side from Stripe.
 */
function booksAudit(
  dynamo: DynamoDBClient,
  tableNames: TableNames,
  stripe: Pick<StripeTestServer, 'intents' | 'refunds'>,
): () => Promise<AuditReport> {
  const books = DynamoDBDocumentClient.from(dynamo);
  return () =>
    audit({
      doc: books,
      tableName: (id) => tableNames.get(id)!,
      provider: () => ({ intents: stripe.intents(), refunds: stripe.refunds() }),
      searchIndex: process.env.SEARCH_ENGINE === 'embedded' ? searchIndex() : undefined,
      options: auditOptionsFromEnvironment(),
    });
}
