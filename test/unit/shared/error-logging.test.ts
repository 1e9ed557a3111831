import { z } from 'zod';
import { httpHandler } from '../../../functions/identity/http-handler';
import { defineRoute } from '../../../shared/http/route';
import { logger } from '../../../shared/logger';
import { httpEvent, lambdaContext } from '../../fixtures/api-gateway-event';

const route = defineRoute({
  id: 'LoggingTest',
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

/** Shaped like the SDKs' errors: Stripe's carries the raw response, DynamoDB's can echo the item. */
class ProviderError extends Error {
  override readonly name = 'StripeCardError';
  readonly code = 'card_declined';
  readonly raw = { message: 'declined', payment_method: { billing_details: { email: 'ann@example.com' } } };
  readonly headers = { authorization: 'Bearer sk_test_SECRET123' };
  readonly Item = { pk: 'USER#usr_1', email: { S: 'ann@example.com' } };
}

function capturedLogs(): { lines: () => string; restore: () => void } {
  let output = '';
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output += chunk.toString();
      return true;
    }),
  );
  return {
    lines: () => output,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

describe('logging an unhandled error', () => {
  beforeAll(() => logger.setLogLevel('ERROR'));
  afterAll(() => logger.setLogLevel('SILENT'));

  it('keeps the name, code, message and stack, and none of the error’s other fields', async () => {
    const logs = capturedLogs();
    try {
      const handler = httpHandler(route, async () => {
        throw new ProviderError('Your card was declined.');
      });
      const result = (await handler(httpEvent({ body: '{}' }) as never, lambdaContext)) as {
        statusCode: number;
      };
      expect(result.statusCode).toBe(500);
    } finally {
      logs.restore();
    }
    const line = logs
      .lines()
      .split('\n')
      .find((entry) => entry.includes('Unhandled error'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!).error;
    expect(logged).toEqual({
      name: 'StripeCardError',
      code: 'card_declined',
      message: 'Your card was declined.',
      stack: expect.stringContaining('error-logging.test.ts'),
    });
    expect(line).not.toContain('ann@example.com');
    expect(line).not.toContain('sk_test_SECRET123');
  });

  it('reduces an error passed straight to the logger, and its cause, the same way', () => {
    const logs = capturedLogs();
    try {
      logger.error('Refund failed', new Error('refund failed', { cause: new ProviderError('declined') }));
    } finally {
      logs.restore();
    }
    const logged = JSON.parse(logs.lines().trim().split('\n').at(-1)!);
    expect(logged.error.cause).toEqual({
      name: 'StripeCardError',
      code: 'card_declined',
      message: 'declined',
      stack: expect.any(String),
    });
    expect(JSON.stringify(logged)).not.toContain('sk_test_SECRET123');
  });
});
