import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { z } from 'zod';
import { httpHandler } from '../../../functions/identity/http-handler';
import { ConflictError, NotFoundError, RateLimitedError } from '../../../shared/errors';
import { ok } from '../../../shared/http/responses';
import { defineRoute } from '../../../shared/http/route';
import { httpEvent, lambdaContext } from '../../fixtures/api-gateway-event';

process.env.USERS_TABLE_NAME = 'users-test';
process.env.RATE_LIMITS_TABLE_NAME = 'rate-limits-test';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const dynamo = mockClient(DynamoDBDocumentClient);

const route = defineRoute({
  id: 'Test',
  method: 'POST',
  path: '/test',
  auth: 'public',
  handler: 'functions/test/handlers/test.handler',
  summary: 'test',
  tag: 'Test',
  body: z.strictObject({ quantity: z.number().int().min(1) }),
  response: z.object({ quantity: z.number() }),
  successStatus: 200,
});

async function call(
  step: () => Promise<never> | Promise<ReturnType<typeof ok>>,
  event = httpEvent({ body: '{"quantity":2}' }),
) {
  const handler = httpHandler(route, step as never);
  const result = (await handler(event as never, lambdaContext)) as {
    statusCode: number;
    body?: string;
    headers?: Record<string, string>;
  };
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
}

describe('httpHandler', () => {
  it('answers the step’s result as JSON that no cache may keep', async () => {
    const result = await call(async () => ok({ quantity: 2 }));
    expect(result.statusCode).toBe(200);
    expect(result.json).toEqual({ quantity: 2 });
    expect(result.headers?.['cache-control']).toBe('private, no-store');
  });

  describe('caching of a route with a cache policy', () => {
    const cachedRoute = defineRoute({
      id: 'CachedTest',
      method: 'GET',
      path: '/cached',
      auth: 'public',
      handler: 'functions/test/handlers/cached.handler',
      summary: 'cached',
      tag: 'Test',
      successStatus: 200,
      cache: { maxAgeSeconds: 0, sharedMaxAgeSeconds: 300, staleWhileRevalidateSeconds: 30 },
    });
    const cacheControlOf = async (event: ReturnType<typeof httpEvent>) => {
      const handler = httpHandler(cachedRoute, async () => ({ body: undefined }));
      const result = (await handler(event as never, lambdaContext)) as { headers: Record<string, string> };
      return result.headers['cache-control'];
    };

    it('lets a CDN keep an anonymous answer for its shared lifetime, browsers not at all', async () => {
      expect(await cacheControlOf(httpEvent())).toBe(
        'public, max-age=0, s-maxage=300, stale-while-revalidate=30',
      );
    });

    it('keeps nothing sent with a bearer token, even one the route does not need', async () => {
      const event = httpEvent({ headers: { authorization: 'Bearer some-token' } });
      expect(await cacheControlOf(event)).toBe('private, no-store');
    });

    it('keeps nothing sent with a cookie', async () => {
      expect(await cacheControlOf(httpEvent({ cookies: ['bazaar_cart=c1'] }))).toBe('private, no-store');
    });
  });

  describe('the secret origin header', () => {
    afterEach(() => {
      delete process.env.ORIGIN_VERIFY_SECRET;
    });

    it('refuses a request that skipped the distribution (403), without running the step', async () => {
      process.env.ORIGIN_VERIFY_SECRET = 'origin-secret';
      const step = jest.fn();
      const result = await call(step, httpEvent({ body: '{"quantity":2}' }));
      expect(result.statusCode).toBe(403);
      expect(result.json.error.code).toBe('ORIGIN_NOT_VERIFIED');
      expect(result.json.error.message).not.toContain('origin-secret');
      expect(step).not.toHaveBeenCalled();
    });

    it('refuses a forged value and serves the distribution’s', async () => {
      process.env.ORIGIN_VERIFY_SECRET = 'origin-secret';
      const sent = (value: string) =>
        httpEvent({
          body: '{"quantity":2}',
          headers: { 'content-type': 'application/json', 'x-origin-verify': value },
        });
      expect((await call(async () => ok({ quantity: 2 }), sent('origin-secreT'))).statusCode).toBe(403);
      expect((await call(async () => ok({ quantity: 2 }), sent('origin-secret'))).statusCode).toBe(200);
    });

    it('is not asked for where no secret is configured (the local runtime)', async () => {
      expect((await call(async () => ok({ quantity: 2 }))).statusCode).toBe(200);
    });
  });

  it('maps malformed JSON to 400 INVALID_JSON without calling the step', async () => {
    const step = jest.fn();
    const result = await call(step, httpEvent({ body: '{"quantity":' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.error.code).toBe('INVALID_JSON');
    expect(step).not.toHaveBeenCalled();
  });

  it('maps a wrong content type to 415', async () => {
    const result = await call(
      async () => ok({ quantity: 1 }),
      httpEvent({ body: 'quantity=2', headers: { 'content-type': 'text/plain' } }),
    );
    expect(result.statusCode).toBe(415);
    expect(result.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('names the invalid field in a 400', async () => {
    const result = await call(async () => ok({ quantity: 1 }), httpEvent({ body: '{"quantity":0}' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.error.details.fields[0].field).toBe('quantity');
  });

  it.each([
    [new NotFoundError('Order'), 404, 'NOT_FOUND'],
    [new ConflictError('OUT_OF_STOCK', 'Sold out'), 409, 'OUT_OF_STOCK'],
    [new RateLimitedError(2), 429, 'RATE_LIMITED'],
  ])('maps %p to its status and code', async (error, status, code) => {
    const result = await call(async () => {
      throw error;
    });
    expect(result.statusCode).toBe(status);
    expect(result.json.error.code).toBe(code);
    if (status === 429) expect(result.headers?.['retry-after']).toBe('2');
  });

  it('answers 500 with the request id and no internals for unexpected errors', async () => {
    const result = await call(async () => {
      throw new Error('connection string postgres://secret@db');
    });
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret');
    expect(result.json.error).toEqual({
      code: 'INTERNAL_ERROR',
      message: expect.stringContaining('req-test-1'),
      details: { request_id: 'req-test-1' },
    });
  });

  it('ignores a cookie whose value is not valid percent-encoding instead of failing the request', async () => {
    const handler = httpHandler(route, async ({ cookies }) => ok({ quantity: Object.keys(cookies).length }));
    const result = (await handler(
      httpEvent({ body: '{"quantity":1}', cookies: ['bazaar_cart=%E0%A4%A', 'theme=dark%20mode'] }) as never,
      lambdaContext,
    )) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ quantity: 1 });
  });

  describe('rate limits', () => {
    afterEach(() => {
      dynamo.reset();
      delete process.env.ORIGIN_VERIFY_SECRET;
    });
    const limitedRoute = {
      ...route,
      id: 'LimitedTest',
      rateLimit: { bucket: 'test', perSecond: 1, burst: 5 },
    };

    async function limitKeysOf(events: ReturnType<typeof httpEvent>[]): Promise<string[]> {
      dynamo.on(UpdateCommand).resolves({});
      const handler = httpHandler(limitedRoute, async () => ok({ quantity: 1 }));
      for (const event of events) await handler(event as never, lambdaContext);
      return dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input.Key?.pk as string);
    }

    function anonymous(cookie: string, headers: Record<string, string> = {}) {
      const event = httpEvent({
        body: '{"quantity":1}',
        cookies: [`bazaar_cart=${cookie}`],
        headers: { 'content-type': 'application/json', ...headers },
      });
      event.requestContext.http.sourceIp = '198.51.100.9';
      return event;
    }

    it('counts anonymous callers by their address, however they rotate their cookie', async () => {
      const keys = await limitKeysOf([anonymous('cart_A'), anonymous('cart_B'), anonymous('cart_C')]);
      expect(keys).toEqual(Array(3).fill('RL#test#ip:198.51.100.9'));
    });

    it('counts by the CDN’s viewer address when the secret origin header vouches for it', async () => {
      process.env.ORIGIN_VERIFY_SECRET = 'origin-secret';
      const viewer = { 'cloudfront-viewer-address': '203.0.113.7:4711' };
      const keys = await limitKeysOf([
        anonymous('cart_A', { ...viewer, 'x-origin-verify': 'origin-secret' }),
        // A forged header is refused before any counting.
        anonymous('cart_A', { ...viewer, 'x-origin-verify': 'forged' }),
      ]);
      expect(keys).toEqual(['RL#test#ip:203.0.113.7']);
    });
  });

  describe('role checks on seller routes', () => {
    afterEach(() => dynamo.reset());
    const sellerRoute = { ...route, id: 'SellerTest', auth: 'seller' as const };

    it('forbids a signed-in customer (403) and lets a seller through', async () => {
      dynamo
        .on(GetCommand)
        .resolvesOnce({ Item: { roles: ['customer'] } })
        .resolves({ Item: { roles: ['customer', 'seller'] } });
      const handler = httpHandler(sellerRoute, async ({ user }) => ok({ quantity: user.roles.length }));
      const event = httpEvent({ body: '{"quantity":1}', claims: { username: 'usr_CUSTOMER1' } });
      const first = (await handler(event as never, lambdaContext)) as { statusCode: number };
      expect(first.statusCode).toBe(403);
      const second = (await handler(event as never, lambdaContext)) as { statusCode: number; body: string };
      expect(second.statusCode).toBe(200);
      expect(JSON.parse(second.body)).toEqual({ quantity: 2 });
    });

    it('answers 401 when the token’s account no longer exists', async () => {
      dynamo.on(GetCommand).resolves({});
      const handler = httpHandler(sellerRoute, async () => ok({ quantity: 1 }));
      const result = (await handler(
        httpEvent({ body: '{"quantity":1}', claims: { username: 'usr_GONE' } }) as never,
        lambdaContext,
      )) as {
        statusCode: number;
      };
      expect(result.statusCode).toBe(401);
    });
  });
});
