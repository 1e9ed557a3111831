import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { httpHandlerWith } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { defineRoute } from '../../../shared/http/route';
import { httpEvent, lambdaContext } from '../../fixtures/api-gateway-event';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.TEST_WEBHOOK_SECRET = 'whsec_unit';

// Public routes: no roles are looked up.
const httpHandler = httpHandlerWith(async () => undefined);

const route = defineRoute({
  id: 'SignedTest',
  method: 'POST',
  path: '/webhooks/test',
  auth: 'public',
  handler: 'functions/test/handlers/webhook.handler',
  summary: 'test',
  tag: 'Test',
  body: z.string(),
  rawBody: true,
  signature: { header: 'X-Test-Signature', secret: 'TEST_WEBHOOK_SECRET' },
  response: z.object({ received: z.boolean() }),
  successStatus: 200,
});

const body = '{"event":"delivered"}';
const now = () => Math.floor(Date.now() / 1000);
const sign = (payload: string, t = now(), secret = 'whsec_unit') =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;

async function deliver(signature: string | undefined, payload = body) {
  const step = jest.fn(async () => ok({ received: true }));
  const handler = httpHandler(route, step);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-test-signature'] = signature;
  const result = (await handler(httpEvent({ body: payload, headers }) as never, lambdaContext)) as {
    statusCode: number;
    body: string;
  };
  return { status: result.statusCode, json: JSON.parse(result.body), step };
}

describe('httpHandler with a route signature', () => {
  it('runs the step for a body signed with the route’s secret', async () => {
    const result = await deliver(sign(body));
    expect(result.status).toBe(200);
    expect(result.step).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['no signature', undefined],
    ['a forged signature', `t=${now()},v1=${'0'.repeat(64)}`],
    ['another secret', sign(body, now(), 'whsec_other')],
    ['a signature of another body', sign('{"event":"in_transit"}')],
    ['a timestamp six minutes old', sign(body, now() - 360)],
    ['a timestamp six minutes ahead', sign(body, now() + 360)],
    ['a header without a timestamp', `v1=${sign(body).split('v1=')[1]}`],
  ])(
    'answers 400 INVALID_SIGNATURE naming the header for %s, without running the step',
    async (_, signature) => {
      const result = await deliver(signature);
      expect(result.status).toBe(400);
      expect(result.json.error.code).toBe('INVALID_SIGNATURE');
      expect(result.json.error.details.fields).toEqual([
        { field: 'X-Test-Signature', message: 'does not verify' },
      ]);
      expect(result.step).not.toHaveBeenCalled();
    },
  );

  it('accepts any one valid v1 among several, as Stripe sends while a secret rolls over', async () => {
    const t = now();
    const stale = sign(body, t, 'whsec_old').split(',')[1];
    const result = await deliver(`t=${t},${stale},${sign(body, t).split(',')[1]}`);
    expect(result.status).toBe(200);
  });
});
