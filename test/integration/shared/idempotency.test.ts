import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { httpHandlerWith } from '../../../shared/http/handler';
import { accepted } from '../../../shared/http/responses';
import { defineRoute } from '../../../shared/http/route';
import { httpEvent, lambdaContext } from '../../fixtures/api-gateway-event';

// Public routes: no roles are looked up.
const httpHandler = httpHandlerWith(async () => undefined);

const route = defineRoute({
  id: 'IdempotentTest',
  method: 'POST',
  path: '/test/orders',
  auth: 'public',
  handler: 'functions/test/handlers/place.handler',
  summary: 'test',
  tag: 'Test',
  body: z.object({ quantity: z.number().int().min(1) }),
  response: z.object({ order_id: z.string(), quantity: z.number() }),
  successStatus: 202,
  idempotency: { expiresAfterSeconds: 60 },
});

/** A handler whose step places a new order each time it runs, and counts its runs. */
function placing(gate?: { started: () => void; release: Promise<void> }) {
  let runs = 0;
  const handler = httpHandler(route, async ({ body }) => {
    runs++;
    gate?.started();
    await gate?.release;
    return accepted({ order_id: randomUUID(), quantity: body.quantity });
  });
  const send = async (body: unknown, key?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== undefined) headers['idempotency-key'] = key;
    const result = (await handler(
      httpEvent({ body: JSON.stringify(body), headers }) as never,
      lambdaContext,
    )) as { statusCode: number; body: string };
    return { status: result.statusCode, json: JSON.parse(result.body) };
  };
  return { send, runs: () => runs };
}

describe('httpHandler with a route idempotency policy, on DynamoDB Local', () => {
  it('replays the first response to a retry with the same Idempotency-Key, running the step once', async () => {
    const { send, runs } = placing();
    const key = `it-${randomUUID()}`;
    const first = await send({ quantity: 2 }, key);
    const retry = await send({ quantity: 2 }, key);
    expect(first.status).toBe(202);
    expect(retry).toEqual(first);
    expect(runs()).toBe(1);
  });

  it('runs the step again for another key, and every time without one', async () => {
    const { send, runs } = placing();
    const a = await send({ quantity: 1 }, `it-${randomUUID()}`);
    const b = await send({ quantity: 1 }, `it-${randomUUID()}`);
    const c = await send({ quantity: 1 });
    const d = await send({ quantity: 1 });
    expect(new Set([a, b, c, d].map((r) => r.json.order_id)).size).toBe(4);
    expect(runs()).toBe(4);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body', async () => {
    const { send, runs } = placing();
    const key = `it-${randomUUID()}`;
    await send({ quantity: 1 }, key);
    const reused = await send({ quantity: 3 }, key);
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(runs()).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS while the first request with the key still runs', async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const { send, runs } = placing({ started, release: new Promise((resolve) => (release = resolve)) });
    const key = `it-${randomUUID()}`;
    const first = send({ quantity: 1 }, key);
    await running;
    const second = await send({ quantity: 1 }, key);
    release();
    expect((await first).status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(runs()).toBe(1);
  });

  it('refuses a malformed key with 400 naming Idempotency-Key', async () => {
    const { send, runs } = placing();
    const result = await send({ quantity: 1 }, 'has spaces');
    expect(result.status).toBe(400);
    expect(result.json.error.details.fields[0].field).toBe('Idempotency-Key');
    expect(runs()).toBe(0);
  });
});
