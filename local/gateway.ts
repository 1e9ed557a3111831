import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bearerToken, type TokenVerifier } from '../shared/auth/token-verifier';
import { errorSummary } from '../shared/logger';
import type { RouteDefinition } from '../shared/manifests/types';

/** API Gateway's own payload limit. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  paramNames: string[];
  staticSegments: number;
}

export type Invoker = (route: RouteDefinition, event: APIGatewayProxyEventV2) => Promise<unknown>;

/**
 * The local HTTP API: matches a request to a manifest route as API Gateway does (the most
 * specific path wins), applies the route's auth level as the JWT authorizer would (`user`,
 * `seller` and `admin` routes need a valid token; `public` and `optional` get no authorizer),
 * builds a payload 2.0 event, invokes the handler and writes its result.
 */
export class LocalGateway {
  private readonly compiled: CompiledRoute[];

  constructor(
    routes: RouteDefinition[],
    private readonly verifier: TokenVerifier,
    private readonly invoke: Invoker,
  ) {
    this.compiled = routes
      .map((route) => {
        const paramNames: string[] = [];
        const segments = route.path.split('/').filter(Boolean);
        const source = segments
          .map((segment) => {
            const param = /^\{(\w+)\}$/.exec(segment);
            if (param) {
              paramNames.push(param[1]!);
              return '/([^/]+)';
            }
            return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
          })
          .join('');
        return {
          route,
          pattern: new RegExp(`^${source}/?$`),
          paramNames,
          staticSegments: segments.length - paramNames.length,
        };
      })
      .sort((a, b) => b.staticSegments - a.staticSegments);
  }

  /** True when the request was an API route (answered here); false to let the caller serve it. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const answer = await this.answer(request, url);
    if (!answer) return false;
    writeAnswer(response, answer);
    return true;
  }

  /** The API's answer to a request, or undefined when no route has its path (the local CDN stores answers). */
  async answer(request: IncomingMessage, url: URL): Promise<GatewayAnswer | undefined> {
    const method = (request.method ?? 'GET').toUpperCase();
    const cors = corsHeaders(request);
    if (method === 'OPTIONS') return { status: 204, headers: cors };
    const matches = this.compiled.filter((candidate) => candidate.pattern.test(url.pathname));
    if (matches.length === 0) return undefined;
    const match = matches.find((candidate) => candidate.route.method === method);
    if (!match) return jsonAnswer(404, { message: 'Not Found' }, cors);

    const body = await readBody(request);
    if (body === undefined) return jsonAnswer(413, { message: 'Request Entity Too Large' }, cors);

    const values = match.pattern.exec(url.pathname)!.slice(1);
    const pathParameters = Object.fromEntries(
      match.paramNames.map((name, i) => [name, safeDecode(values[i]!)]),
    );
    const event = buildEvent(request, url, match, pathParameters, body);

    if (match.route.auth === 'user' || match.route.auth === 'seller' || match.route.auth === 'admin') {
      const token = bearerToken(event.headers.authorization);
      try {
        if (!token) throw new Error('missing token');
        const claims = await this.verifier.verify(token);
        (event.requestContext as unknown as Record<string, unknown>).authorizer = {
          jwt: { claims, scopes: null },
        };
      } catch {
        return jsonAnswer(401, { message: 'Unauthorized' }, { ...cors, 'www-authenticate': 'Bearer' });
      }
    }

    try {
      return answerOf(await this.invoke(match.route, event), cors);
    } catch (error) {
      console.error(`[gateway] ${match.route.id} failed:`, errorSummary(error as Error));
      return jsonAnswer(500, { message: 'Internal Server Error' }, cors);
    }
  }
}

/** An HTTP answer as the gateway sends it: lower-case header names. */
export interface GatewayAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

export function writeAnswer(response: ServerResponse, answer: GatewayAnswer): void {
  const headers = { ...answer.headers };
  if (answer.body) headers['content-length'] = String(answer.body.length);
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

function jsonAnswer(status: number, body: unknown, headers: Record<string, string>): GatewayAnswer {
  return {
    status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function buildEvent(
  request: IncomingMessage,
  url: URL,
  match: CompiledRoute,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = (Array.isArray(value) ? value.join('; ') : value).split(/;\s*/).filter(Boolean);
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-proto'] ??= 'http';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const isText =
    body.length === 0 || /json|text|xml|x-www-form-urlencoded/i.test(contentType) || contentType === '';
  const now = new Date();
  const routeKey = `${match.route.method} ${match.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: match.route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function answerOf(result: unknown, extraHeaders: Record<string, string>): GatewayAnswer {
  // Lambda may answer with a bare value; API Gateway then sends it as JSON with status 200.
  const structured =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body =
    structured.body === undefined
      ? undefined
      : structured.isBase64Encoded
        ? Buffer.from(structured.body, 'base64')
        : Buffer.from(structured.body);
  return { status: structured.statusCode ?? 200, headers, body };
}

export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** The CORS policy the HTTP API is deployed with. */
export function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers': 'authorization,content-type,idempotency-key',
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'access-control-max-age': '600',
    vary: 'origin',
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
