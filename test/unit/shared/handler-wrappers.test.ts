import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { httpHandler } from '../../../functions/identity/http-handler';
import { OrderFailed } from '../../../functions/orders/events';
import { countOrderEvents } from '../../../functions/orders/metrics';
import {
  eventRuleHandler,
  OBSERVED,
  sagaStepHandler,
  scheduledHandler,
  streamBatchHandler,
} from '../../../shared/handlers';
import { defineRoute } from '../../../shared/http/route';
import { logger } from '../../../shared/logger';
import { businessMetrics } from '../../../shared/metrics';
import { httpEvent, lambdaContext } from '../../fixtures/api-gateway-event';
import { streamRecord } from '../../fixtures/dynamodb-stream';

/** Shaped like the SDKs' errors: Stripe's carries the raw response, DynamoDB's can echo the item. */
class ProviderError extends Error {
  override readonly name = 'StripeCardError';
  readonly code = 'card_declined';
  readonly raw = { payment_method: { billing_details: { email: 'ann@example.com' } } };
  readonly headers = { authorization: 'Bearer sk_test_SECRET123' };
  readonly Item = { pk: 'USER#usr_1', email: { S: 'ann@example.com' } };
}

/** Everything written to stdout and stderr while `run` runs, as parsed JSON lines. */
async function captured<T>(run: () => Promise<T>): Promise<{ result?: T; error?: unknown; lines: string[] }> {
  let output = '';
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += chunk.toString();
      return true;
    }),
  );
  try {
    return { result: await run(), lines: output.split('\n').filter(Boolean) };
  } catch (error) {
    return { error, lines: output.split('\n').filter(Boolean) };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const json = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const emfOf = (lines: string[], metric: string) =>
  json(lines).filter((line) => '_aws' in line && metric in line);

const context = { ...lambdaContext, functionName: 'bazaar-orders-step', awsRequestId: 'req-42' } as Context;

const busEvent = {
  version: '0' as const,
  id: 'bus-event-1',
  'detail-type': 'OrderPaid',
  source: 'bazaar.orders',
  account: '000000000000',
  time: '2026-12-02T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventId: 'ord_7#3', version: 3, order_id: 'ord_7' },
};
const streamEvent: DynamoDBStreamEvent = {
  Records: [streamRecord('INSERT', { newImage: { pk: 'A', sk: 'B' } })],
};

/** Each kind of wrapper, the event it is given, and the correlation ids it must put on the logs. */
const kinds = [
  {
    kind: 'event rule',
    wrap: (step: () => Promise<unknown>) => eventRuleHandler(step),
    event: busEvent,
    ids: { request_id: 'req-42', event_id: 'ord_7#3', order_id: 'ord_7' },
  },
  {
    kind: 'stream batch',
    wrap: (step: () => Promise<unknown>) =>
      streamBatchHandler(async () => {
        await step();
        return { batchItemFailures: [] };
      }),
    event: streamEvent,
    ids: { request_id: 'req-42' },
  },
  {
    kind: 'saga step',
    wrap: (step: () => Promise<unknown>) => sagaStepHandler(step),
    event: { order_id: 'ord_7', execution: 'ord_7-checkout' },
    ids: { request_id: 'req-42', order_id: 'ord_7', execution: 'ord_7-checkout' },
  },
  {
    kind: 'schedule',
    wrap: (step: () => Promise<unknown>) => scheduledHandler(step),
    event: { id: 'sched-1', source: 'aws.scheduler', detail: { order_id: 'ord_7' } },
    ids: { request_id: 'req-42', event_id: 'sched-1', order_id: 'ord_7' },
  },
];

describe.each(kinds)('the $kind wrapper', ({ wrap, event, ids }) => {
  beforeAll(() => logger.setLogLevel('INFO'));
  afterAll(() => logger.setLogLevel('SILENT'));

  it('puts the Lambda context and the correlation ids on every log line of the invocation', async () => {
    const handler = wrap(async () => logger.info('inside the step'));
    const { lines } = await captured(() => handler(event as never, context));
    const line = json(lines).find((entry) => entry.message === 'inside the step');
    expect(line).toMatchObject({
      function_name: 'bazaar-orders-step',
      function_request_id: 'req-42',
      ...ids,
    });
  });

  it('flushes what the invocation counted as one EMF line when it returns', async () => {
    const handler = wrap(async () => businessMetrics.count('OrdersPaid'));
    const { lines } = await captured(() => handler(event as never, context));
    expect(emfOf(lines, 'OrdersPaid')).toEqual([expect.objectContaining({ OrdersPaid: 1 })]);
  });

  it('flushes metrics and lets an error out as its name and message only', async () => {
    const handler = wrap(async () => {
      businessMetrics.count('RefundsFailed');
      throw new ProviderError('Your card was declined.');
    });
    const { error, lines } = await captured(() => handler(event as never, context));
    expect(emfOf(lines, 'RefundsFailed')).toHaveLength(1);
    const thrown = error as Error;
    // Step Functions' Retry and Catch match on the name: it must survive exactly.
    expect(thrown.name).toBe('StripeCardError');
    expect(thrown.message).toBe('Your card was declined.');
    expect(Object.keys(thrown)).toEqual([]);
    expect(JSON.stringify(thrown)).toBe('{}');
    expect(thrown.stack).not.toContain('ProviderError');
    const logged = lines.join('\n');
    expect(logged).not.toContain('sk_test_SECRET123');
    expect(logged).not.toContain('ann@example.com');
    const errorLine = json(lines).find((entry) => entry.level === 'ERROR');
    expect(errorLine).toMatchObject({
      ...ids,
      error: { name: 'StripeCardError', code: 'card_declined', message: 'Your card was declined.' },
    });
  });
});

describe('the HTTP route wrapper', () => {
  const route = defineRoute({
    id: 'WrapperTest',
    method: 'POST',
    path: '/test',
    auth: 'public',
    handler: 'functions/test/handlers/test.handler',
    summary: 'test',
    tag: 'Test',
    body: z.object({}),
    response: z.object({}),
    successStatus: 200,
  });
  beforeAll(() => logger.setLogLevel('INFO'));
  afterAll(() => logger.setLogLevel('SILENT'));

  it('logs with the Lambda context and the gateway request id, and flushes metrics', async () => {
    const handler = httpHandler(route, async () => {
      logger.info('inside the route');
      businessMetrics.count('OrdersPlaced');
      return { body: {} };
    });
    const { lines } = await captured(() => handler(httpEvent({ body: '{}' }) as never, context));
    const line = json(lines).find((entry) => entry.message === 'inside the route');
    expect(line).toMatchObject({ function_request_id: 'req-42', request_id: expect.any(String) });
    expect(emfOf(lines, 'OrdersPlaced')).toHaveLength(1);
  });
});

describe('business counts read off results', () => {
  it('counts a saga step’s named error as its business signal, then lets the error out', async () => {
    class OutOfStockError extends Error {
      override readonly name = 'OutOfStockError';
    }
    const handler = sagaStepHandler(
      async (_event: { order_id: string }) => {
        throw new OutOfStockError('no stock');
      },
      { countErrors: { OutOfStockError: 'StockConflicts' } },
    );
    const { error, lines } = await captured(() => handler({ order_id: 'ord_1' }, context));
    expect((error as Error).name).toBe('OutOfStockError');
    expect(emfOf(lines, 'StockConflicts')).toEqual([expect.objectContaining({ StockConflicts: 1 })]);
  });

  it('counts the records a stream batch hands back for redelivery', async () => {
    const handler = streamBatchHandler(async () => ({
      batchItemFailures: [{ itemIdentifier: '1' }, { itemIdentifier: '2' }],
    }));
    const { lines } = await captured(() => handler(streamEvent, context));
    expect(emfOf(lines, 'EventsRedelivered')).toEqual([expect.objectContaining({ EventsRedelivered: 2 })]);
  });

  it('counts failed orders by their reason, as a dimension', async () => {
    const failed = OrderFailed.build({
      eventId: 'ord_1#2',
      version: 2,
      order_id: 'ord_1',
      user_id: 'usr_1',
      status: 'failed',
      total_cents: 100,
      refunded_cents: 0,
      currency: 'EUR',
      failure_reason: 'payment_declined',
      seller_ids: [],
      lines: [],
    });
    const { lines } = await captured(async () => countOrderEvents([failed], businessMetrics));
    expect(emfOf(lines, 'OrdersFailed')).toEqual([
      expect.objectContaining({ OrdersFailed: 1, reason: 'payment_declined' }),
    ]);
  });
});

describe('the manifest’s handlers', () => {
  it('are all wrapped: every rule target, stream consumer, schedule and saga step', () => {
    const { rules, schedules, stateMachines, streams } = require('../../../functions/manifest');
    const refs: string[] = [
      ...rules.map((rule: { handler: string }) => rule.handler),
      ...streams.map((stream: { handler: string }) => stream.handler),
      ...schedules.map((schedule: { handler: string }) => schedule.handler),
      ...stateMachines.flatMap((machine: { taskHandlers: Record<string, string> }) =>
        Object.values(machine.taskHandlers),
      ),
    ];
    const unwrapped = [...new Set(refs)].filter((ref) => {
      const dot = ref.lastIndexOf('.');
      const handler = require(`../../../${ref.slice(0, dot)}`)[ref.slice(dot + 1)];
      return handler?.[OBSERVED] !== true;
    });
    expect(unwrapped).toEqual([]);
  });
});
