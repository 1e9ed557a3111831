import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwksOf } from '../../functions/identity/providers/local-issuer';
import { rules, schedules, stateMachines, streams } from '../../functions/manifest';
import type { LocalAlarms } from '../alarms';
import type { AuditReport } from '../audit';
import type { LocalCdn } from '../cdn';
import { serveDocsAsset } from '../docs';
import type { LocalEventBus } from '../event-bus';
import { DEFAULT_BUS } from '../event-bus';
import type { FaultInjector } from '../faults/faults';
import { faultRoutes } from '../faults/routes';
import { corsHeaders, type LocalGateway, writeAnswer, writeJson } from '../gateway';
import { invoke } from '../lambda';
import type { LocalMetrics } from '../metrics';
import type { LocalStepFunctions } from '../step-functions';
import { isStorefrontRequest, serveStorefront } from '../storefront';
import type { StripeTestServer } from '../stripe-server';
import { localUsage } from '../usage';
import type { Reindex } from './components';
import { LOCAL_CLOUDFRONT_PATH, LOCAL_DISTRIBUTION_ID, STRIPE_WEBHOOK_PATH } from './constants';

/** What the platform's own pages and the `/_local/*` operations reach. */
export interface PlatformRequestContext {
  /** The platform's URL. */
  url: string;
  gateway: LocalGateway;
  /** The CDN in front of the API, as the distribution is on AWS; undefined with `--no-cdn`. */
  cdn?: LocalCdn;
  issuerKey: { privateKeyPem: string; keyId: string };
  health(): Promise<Record<string, 'up' | 'down'>>;
  reindex: Reindex;
  bus: LocalEventBus;
  stripe: StripeTestServer;
  faults: FaultInjector;
  /** What `/_local/endpoints` lists. */
  endpoints: Record<string, string>;
  metrics: LocalMetrics;
  alarms: LocalAlarms;
  stepFunctions: LocalStepFunctions;
  /** Checks the books (`npm run audit`, `GET /_local/audit`). */
  audit(): Promise<AuditReport>;
  /** The storefront's build folder; web/dist unless told. */
  storefrontDir?: string;
}

interface LocalRoute {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string | RegExp;
  serve(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> | void;
}

/**
 * Answers the platform's HTTP requests: the manifest's API through the gateway first (health,
 * OpenAPI and docs included), then the platform's own pages (the issuer's keys, the docs' assets,
 * the components' health) and the `/_local/*`
 * operations that ops scripts and tests use; then the storefront (web/dist) for any other GET or
 * HEAD outside /api/, /_local/, /docs and /local-issuer/; anything else is a 404.
 */
export function platformRequestHandler(
  context: PlatformRequestContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  const localRoutes = [...pages(context), ...operations(context), ...faultRoutes(context.faults, readAll)];
  return (request, response) => {
    const requestUrl = new URL(request.url ?? '/', context.url);
    void (async () => {
      try {
        const api = context.cdn ?? context.gateway;
        const sentBefore = request.socket.bytesWritten;
        const answer = await api.answer(request, requestUrl);
        if (answer) {
          // A viewer request; its bytes on the wire, headers included, as data transfer out is billed.
          response.once('finish', () => localUsage.apiRequest(request.socket.bytesWritten - sentBefore));
          return writeAnswer(response, answer);
        }
        const path = requestUrl.pathname;
        const route = localRoutes.find(
          (candidate) =>
            (!candidate.method || request.method === candidate.method) &&
            (typeof candidate.path === 'string' ? path === candidate.path : candidate.path.test(path)),
        );
        if (route) await route.serve(request, response, requestUrl);
        else if (isStorefrontRequest(request, path)) {
          await serveStorefront(request, response, path, context.storefrontDir);
        } else writeJson(response, 404, { message: 'Not Found' });
      } catch (error) {
        console.error('[platform] request failed:', error);
        if (!response.headersSent) writeJson(response, 500, { message: 'Internal Server Error' });
      }
    })();
  };
}

/**
 * What the platform serves beside the manifest's API: the local issuer's JWKS, Swagger UI's
 * files for the docs page (on AWS a CDN serves them), and the health of every local component
 * (the API's own `/api/v1/health` is a manifest route, checking what a function can check).
 */
function pages(context: PlatformRequestContext): LocalRoute[] {
  const jwks = jwksOf(context.issuerKey.privateKeyPem, context.issuerKey.keyId);
  return [
    {
      path: '/_local/health',
      serve: async (request, response) => {
        const components = await context.health();
        const up = Object.values(components).every((state) => state === 'up');
        writeJson(
          response,
          up ? 200 : 503,
          { status: up ? 'ok' : 'degraded', components },
          corsHeaders(request),
        );
      },
    },
    { path: '/local-issuer/.well-known/jwks.json', serve: (_, response) => writeJson(response, 200, jwks) },
    {
      path: /^\/docs\/assets\//,
      serve: (_, response, url) => serveDocsAsset(url.pathname.slice('/docs/assets/'.length), response),
    },
  ];
}

/** The `/_local/*` operations: ops scripts (`npm run reindex`) and tests reach into the platform. */
function operations(context: PlatformRequestContext): LocalRoute[] {
  const { bus, stripe } = context;
  let stepFunctionsBaseline = { executions: 0, transitions: 0 };
  return [
    { method: 'POST', path: '/_local/reindex', serve: (_, response) => reindex(context.reindex, response) },
    { path: '/_local/endpoints', serve: (_, response) => writeJson(response, 200, context.endpoints) },
    // 200 whatever the books say: the report's `violations` is the verdict, not the status code.
    {
      method: 'GET',
      path: '/_local/audit',
      serve: async (_, response) => writeJson(response, 200, await context.audit()),
    },
    {
      // The handlers' EMF counts; dead letters are the bus's own (on AWS, the queues' depth).
      path: '/_local/metrics',
      serve: (_, response) => {
        const { totals, by_dimension } = context.metrics.snapshot();
        writeJson(response, 200, {
          totals: { ...totals, EventsDeadLettered: bus.deadLetters.length },
          by_dimension,
        });
      },
    },
    {
      // The local alarms, evaluated now: tests wait for one to fire, as an operator would be paged.
      method: 'GET',
      path: '/_local/alarms',
      serve: async (_, response) => writeJson(response, 200, { alarms: await context.alarms.evaluate() }),
    },
    {
      // What AWS would bill for the traffic so far (npm run bench cost); DELETE starts over.
      path: '/_local/usage',
      serve: (request, response) => {
        const stepFunctions = context.stepFunctions.usage();
        if (request.method === 'DELETE') {
          localUsage.reset();
          stepFunctionsBaseline = stepFunctions;
          response.writeHead(204).end();
          return;
        }
        writeJson(response, 200, {
          ...localUsage.snapshot(),
          stepFunctions: {
            executions: stepFunctions.executions - stepFunctionsBaseline.executions,
            transitions: stepFunctions.transitions - stepFunctionsBaseline.transitions,
          },
        });
      },
    },
    {
      // Runs a schedule now (ops and tests), with an optional event `detail`.
      method: 'POST',
      path: /^\/_local\/schedules\/[\w-]+\/run$/,
      serve: async (request, response, url) => {
        const schedule = schedules.find(
          (candidate) => url.pathname === `/_local/schedules/${candidate.id}/run`,
        );
        if (!schedule) return writeJson(response, 404, { message: 'No such schedule' });
        const detail = JSON.parse((await readAll(request)) || '{}');
        writeJson(response, 200, {
          result: await invoke(schedule.handler, {
            'detail-type': 'Scheduled Event',
            source: 'aws.scheduler',
            detail,
          }),
        });
      },
    },
    { method: 'POST', path: '/_local/invoke', serve: invokeManifestHandler },
    {
      method: 'POST',
      path: '/_local/flags',
      serve: (request, response) => setFeatureFlags(request, response, bus),
    },
    {
      // CloudFront's CreateInvalidation, for the purge handler (AWS_ENDPOINT_URL_CLOUDFRONT).
      method: 'POST',
      path: new RegExp(`^${LOCAL_CLOUDFRONT_PATH}/2020-05-31/distribution/[^/]+/invalidation$`),
      serve: (request, response, url) => createInvalidation(context.cdn, request, response, url),
    },
    {
      // Lets a test take Stripe's webhooks away, to prove the reconciler alone settles an order.
      method: 'POST',
      path: '/_local/stripe/webhooks',
      serve: async (request, response) => {
        const { enabled } = JSON.parse((await readAll(request)) || '{}');
        stripe.setWebhookUrl(enabled === false ? undefined : `${context.url}${STRIPE_WEBHOOK_PATH}`);
        writeJson(response, 200, { enabled: enabled !== false });
      },
    },
    {
      // What the bus carried (of one detail type, source or set of ids, when asked), each event's
      // delivery to every rule it matched, and the dead letters: tests wait on deliveries, not a clock.
      path: '/_local/events',
      serve: (_, response, url) => {
        const detailType = url.searchParams.get('detail-type');
        const source = url.searchParams.get('source');
        const ids = new Set(url.searchParams.getAll('id'));
        const events = bus.history.filter(
          (event) =>
            (!detailType || event['detail-type'] === detailType) &&
            (!source || event.source === source) &&
            (ids.size === 0 || ids.has(event.id)),
        );
        const deliveries = Object.fromEntries(events.map((event) => [event.id, bus.deliveriesOf(event.id)]));
        writeJson(response, 200, { events, deliveries, dead_letters: bus.deadLetters });
      },
    },
  ];
}

/** `npm run reindex` for the embedded index, which lives in this process: progress as lines. */
async function reindex(run: Reindex, response: ServerResponse): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  let last = 0;
  const result = await run((indexed, scanned) => {
    if (scanned - last >= 1000) {
      last = scanned;
      response.write(`scanned ${scanned}, indexed ${indexed}\n`);
    }
  });
  response.end(`done: scanned ${result.scanned}, indexed ${result.indexed}\n`);
}

/** Invokes a saga task or event handler directly, as a duplicated delivery would. */
async function invokeManifestHandler(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
    writeJson(response, 200, { error: { name: (error as Error).name, message: (error as Error).message } });
  }
}

/**
 * Locally the feature switches are environment variables of this process: set them here, and
 * tell the default bus as SSM does on AWS (Parameter Store Change), so the CDN purge follows.
 */
async function setFeatureFlags(
  request: IncomingMessage,
  response: ServerResponse,
  bus: LocalEventBus,
): Promise<void> {
  const flags = JSON.parse((await readAll(request)) || '{}') as Record<string, boolean>;
  for (const [feature, enabled] of Object.entries(flags)) {
    if (feature === 'reviews' || feature === 'recommendations') {
      process.env[`FEATURE_${feature.toUpperCase()}`] = enabled ? 'on' : 'off';
    }
  }
  bus.publish(
    {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Parameter Store Change',
      source: 'aws.ssm',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'local',
      resources: [],
      detail: {
        eventId: randomUUID(),
        name: '/bazaar/local/feature-flags',
        type: 'String',
        operation: 'Update',
      },
    },
    DEFAULT_BUS,
  );
  writeJson(response, 200, {
    reviews: process.env.FEATURE_REVIEWS ?? 'on',
    recommendations: process.env.FEATURE_RECOMMENDATIONS ?? 'on',
  });
}

/** CloudFront's CreateInvalidation on the local CDN: the paths of the XML batch, dropped at once. */
async function createInvalidation(
  cdn: LocalCdn | undefined,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const distributionId = url.pathname.split('/').at(-2);
  const body = await readAll(request);
  if (distributionId !== LOCAL_DISTRIBUTION_ID) {
    response.writeHead(404, { 'content-type': 'text/xml' });
    return void response.end('<ErrorResponse><Error><Code>NoSuchDistribution</Code></Error></ErrorResponse>');
  }
  const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((match) => unescapeXml(match[1]!));
  const dropped = cdn?.invalidate(paths) ?? 0;
  const id = `I${randomUUID().replace(/-/g, '').slice(0, 13).toUpperCase()}`;
  const batch = /<InvalidationBatch[\s\S]*<\/InvalidationBatch>/.exec(body)?.[0] ?? '';
  response.writeHead(201, {
    'content-type': 'text/xml',
    location: `${url.origin}${url.pathname}/${id}`,
    'x-local-dropped': String(dropped),
  });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id><Status>Completed</Status><CreateTime>${new Date().toISOString()}</CreateTime>${batch.replace(/ xmlns="[^"]*"/, '')}</Invalidation>`,
  );
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
