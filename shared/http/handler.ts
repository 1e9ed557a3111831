import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { bearerToken, tokenVerifierFromEnv, userIdOf } from '../auth/token-verifier';
import { dynamo } from '../clients';
import { boolEnv, intEnv, numberEnv, requireEnv } from '../config';
import {
  AppError,
  ForbiddenError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import { requireFeature } from '../feature-flags';
import { logger } from '../logger';
import { cacheControlOf } from '../manifests/cache-behaviours';
import type { RouteDefinition } from '../manifests/types';
import { businessMetrics } from '../metrics';
import { observability } from '../observability';
import { type RateLimit, rateLimiter } from '../rate-limit';
import { secretValue } from '../secrets';
import { parseCookies } from './cookies';
import { idempotentStep } from './idempotency';
import type { AuthUser, HttpRequest, HttpResult, ResponseOf, Role } from './route';
import { parsePart } from './validation';
import { addressKey, cameThroughDistribution, claimsViewerAddress, viewerAddress } from './viewer-address';
import { requireValidSignature } from './webhook-signature';

type GatewayEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
};
type GatewayResult = APIGatewayProxyStructuredResultV2;

const MAX_BODY_BYTES = 1_000_000;
const validateResponses = boolEnv('BAZAAR_VALIDATE_RESPONSES', false);

/** The roles a user holds now, or undefined when the account no longer exists. */
export type RoleLookup = (userId: string, needed?: Role) => Promise<Role[] | undefined>;

type Step<R extends RouteDefinition> = (request: HttpRequest<R>) => Promise<HttpResult<ResponseOf<R>>>;

/**
 * The wrapper bound once to the platform's role lookup, so a handler only names its route and
 * step. Identity binds its own lookup (functions/identity/http-handler.ts): shared/ imports no service.
 */
export function httpHandlerWith(loadRoles: RoleLookup) {
  return <R extends RouteDefinition>(route: R, step: Step<R>) => httpHandler(route, step, loadRoles);
}

/**
 * Wraps a handler step in the one middleware stack every route shares: request parsing and
 * validation against the route's schemas, authentication and role checks, response shaping,
 * and the error mapper. The step itself only translates between HTTP and one domain call.
 */
function httpHandler<R extends RouteDefinition>(route: R, step: Step<R>, loadRoles: RoleLookup) {
  const state = new WeakMap<GatewayEvent, HttpRequest<R>>();
  const stack = middy<GatewayEvent, GatewayResult>({ timeoutEarlyInMillis: 0 })
    .use(
      observability<GatewayEvent, GatewayResult>({
        correlationOf: (event) => ({ request_id: event.requestContext?.requestId }),
      }),
    )
    .use(errorMapper(route))
    .use(verifyOrigin());
  const feature = route.feature;
  if (feature) stack.use({ before: () => requireFeature(feature) });
  stack.use(parseRequest(route, state));
  const signature = route.signature;
  if (signature) stack.use({ before: ({ event }) => requireValidSignature(signature, state.get(event)!) });
  stack.use(authenticate(route, state, loadRoles));
  if (route.rateLimit) stack.use(limitRate(route, route.rateLimit, state));
  const run = route.idempotency ? idempotentStep(route, route.idempotency, step) : step;
  return stack.handler(async (event) =>
    toGatewayResult(route, await run(state.get(event)!), isPersonal(event)),
  );
}

function parseRequest<R extends RouteDefinition>(
  route: R,
  state: WeakMap<GatewayEvent, HttpRequest<R>>,
): MiddlewareObj<GatewayEvent, GatewayResult> {
  return {
    before: async ({ event, context }) => {
      const headers = lowerCaseKeys(event.headers ?? {});
      const rawBody =
        event.body === undefined || event.body === null
          ? undefined
          : event.isBase64Encoded
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body;
      if (rawBody !== undefined && Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
        throw new PayloadTooLargeError(MAX_BODY_BYTES);
      }
      let body: unknown;
      if (route.body) {
        if (route.rawBody) {
          body = rawBody;
        } else {
          if (rawBody === undefined || rawBody.trim() === '') {
            throw ValidationError.forField('body', 'a JSON body is required');
          }
          const contentType = headers['content-type'] ?? '';
          if (!/^application\/json\s*(;|$)/i.test(contentType)) throw new UnsupportedMediaTypeError();
          try {
            body = JSON.parse(rawBody);
          } catch {
            throw new ValidationError(
              'Request body is not valid JSON',
              [{ field: 'body', message: 'malformed JSON' }],
              'INVALID_JSON',
            );
          }
          body = parsePart(route.body, body, 'body');
        }
      }
      const params = route.params ? parsePart(route.params, event.pathParameters ?? {}, 'path') : undefined;
      const query = route.query
        ? parsePart(route.query, event.queryStringParameters ?? {}, 'query')
        : undefined;
      state.set(event, {
        params,
        query,
        body,
        user: undefined,
        headers,
        cookies: parseCookies(event.cookies ?? []),
        rawBody,
        requestId: event.requestContext.requestId,
        secure: (headers['x-forwarded-proto'] ?? 'https') === 'https',
        sourceIp: viewerAddress(
          headers,
          event.requestContext.http?.sourceIp ?? 'unknown',
          await originSecret(headers),
        ),
        lambdaContext: context,
      } as HttpRequest<R>);
    },
  };
}

function authenticate<R extends RouteDefinition>(
  route: R,
  state: WeakMap<GatewayEvent, HttpRequest<R>>,
  loadRoles: RoleLookup,
): MiddlewareObj<GatewayEvent, GatewayResult> {
  return {
    before: async ({ event }) => {
      if (route.auth === 'public') return;
      const request = state.get(event)!;
      let userId: string | undefined;
      if (route.auth === 'optional') {
        // No authorizer runs on optional routes: a token, if sent, is verified here.
        const token = bearerToken(request.headers.authorization);
        if (!token) return;
        try {
          userId = userIdOf(
            (await tokenVerifierFromEnv().verify(token)) as unknown as Record<string, unknown>,
          );
        } catch {
          throw new UnauthorizedError('The access token is invalid or expired');
        }
      } else {
        // The JWT authorizer has already verified the token; its claims ride on the event.
        userId = userIdOf(event.requestContext.authorizer?.jwt?.claims ?? {});
      }
      if (!userId) throw new UnauthorizedError();
      const needed = route.auth === 'seller' || route.auth === 'admin' ? route.auth : undefined;
      const roles = await loadRoles(userId, needed);
      if (!roles) throw new UnauthorizedError('The account behind this token no longer exists');
      if (needed && !roles.includes(needed) && !roles.includes('admin')) {
        throw new ForbiddenError(
          needed === 'seller' ? 'Register as a seller first: POST /api/v1/seller/register' : 'Admins only',
          'FORBIDDEN',
        );
      }
      (request as { user: AuthUser | undefined }).user = { userId, roles };
    },
  };
}

/**
 * The distribution's secret origin header value, read only when a request claims a viewer
 * address; undefined where none is configured (locally, unless set), so the claim is ignored.
 */
async function originSecret(headers: Record<string, string | undefined>): Promise<string | undefined> {
  if (!claimsViewerAddress(headers) || !originVerified()) return undefined;
  return secretValue('ORIGIN_VERIFY_SECRET');
}

/** Whether this API sits behind the distribution (on AWS): then only the distribution may call it. */
function originVerified(): boolean {
  return Boolean(process.env.ORIGIN_VERIFY_SECRET || process.env.ORIGIN_VERIFY_SECRET_ARN);
}

/**
 * Refuses a request that did not come through the distribution (the raw `execute-api` URL),
 * which would dodge the CDN's cache and the viewer address the rate limits count by.
 */
function verifyOrigin(): MiddlewareObj<GatewayEvent, GatewayResult> {
  return {
    before: async ({ event }) => {
      if (!originVerified()) return;
      const headers = lowerCaseKeys(event.headers ?? {});
      if (!cameThroughDistribution(headers, await secretValue('ORIGIN_VERIFY_SECRET'))) {
        throw new ForbiddenError('Call the API through the site, not its origin', 'ORIGIN_NOT_VERIFIED');
      }
    },
  };
}

/**
 * A request sent with credentials (a bearer token or any cookie) gets an answer only for its
 * sender: no shared cache may keep it, whatever the route's cache policy.
 */
function isPersonal(event: GatewayEvent): boolean {
  const headers = lowerCaseKeys(event.headers ?? {});
  return Boolean(headers.authorization || headers.cookie || event.cookies?.length);
}

/**
 * Applies the route's rate limit per caller: the user when signed in, else the viewer's
 * address — never a cookie, which the client chooses and can rotate at will. Limits can be
 * tuned per bucket by environment.
 */
function limitRate<R extends RouteDefinition>(
  _route: R,
  declared: RateLimit,
  state: WeakMap<GatewayEvent, HttpRequest<R>>,
): MiddlewareObj<GatewayEvent, GatewayResult> {
  const bucket = declared.bucket.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const limit: RateLimit = {
    bucket: declared.bucket,
    perSecond: numberEnv(`RATE_LIMIT_${bucket}_PER_SECOND`, declared.perSecond),
    burst: intEnv(`RATE_LIMIT_${bucket}_BURST`, declared.burst),
  };
  return {
    before: async ({ event }) => {
      const request = state.get(event)!;
      const caller = request.user?.userId ?? `ip:${addressKey(request.sourceIp)}`;
      limiter ??= rateLimiter(dynamo(), requireEnv('RATE_LIMITS_TABLE_NAME'));
      const decision = await limiter.check(limit, caller);
      if (!decision.allowed) {
        businessMetrics.count('RateLimitedRequests', 1, { bucket: limit.bucket });
        throw new RateLimitedError(decision.retryAfterSeconds);
      }
    },
  };
}

let limiter: ReturnType<typeof rateLimiter> | undefined;

function errorMapper(route: RouteDefinition): MiddlewareObj<GatewayEvent, GatewayResult> {
  return {
    onError: (request) => {
      const error = request.error;
      const requestId = request.event.requestContext?.requestId ?? 'unknown';
      if (error instanceof AppError) {
        const headers: Record<string, string> = {};
        if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
        request.response = jsonResult(
          error.status,
          errorBody(error.code, error.message, error.details),
          headers,
        );
        return;
      }
      logger.error('Unhandled error', { route: route.id, requestId, error: error as Error });
      request.response = jsonResult(
        500,
        errorBody('INTERNAL_ERROR', `Something went wrong on our side. Request id: ${requestId}`, {
          request_id: requestId,
        }),
      );
    },
  };
}

function toGatewayResult(
  route: RouteDefinition,
  result: HttpResult<unknown>,
  personal: boolean,
): GatewayResult {
  const status = result.status ?? route.successStatus;
  const headers: Record<string, string> = {
    'cache-control': route.cache && !personal ? cacheControlOf(route.cache) : PERSONAL,
    ...result.headers,
  };
  if (status === 204 || result.body === undefined) {
    return { statusCode: status, headers, cookies: result.cookies };
  }
  if (validateResponses && route.response) {
    const check = route.response.safeParse(result.body);
    if (!check.success) {
      throw new Error(`Response of ${route.id} breaks its schema: ${z.prettifyError(check.error)}`);
    }
  }
  if (route.contentType && typeof result.body === 'string') {
    return {
      statusCode: status,
      headers: { 'content-type': `${route.contentType}; charset=utf-8`, ...headers },
      body: result.body,
      cookies: result.cookies,
    };
  }
  return { ...jsonResult(status, result.body, headers), cookies: result.cookies };
}

/** What no cache, shared or private, may keep: errors, writes and anything sent with credentials. */
const PERSONAL = 'private, no-store';

function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): GatewayResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': PERSONAL, ...headers },
    body: JSON.stringify(body),
  };
}

function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function lowerCaseKeys(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  const lowered: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}
