import {
  functionMemoryMb,
  lambdaGbSeconds,
  type MeasuredUsage,
  priceUsage,
} from '../../../bench/lib/cost-model';
import { PRICES } from '../../../bench/lib/prices';
import { itemSizeBytes, readRequestUnits, writeRequestUnits } from '../../../local/capacity-units';
import { billedTransitions } from '../../../local/step-functions/history';
import { LocalUsage } from '../../../local/usage';

describe('DynamoDB request units', () => {
  it('rounds reads up per 4 KB: half a unit eventually consistent, one strongly, two in a transaction', () => {
    expect(readRequestUnits(0, 'eventual')).toBe(0.5);
    expect(readRequestUnits(4096, 'eventual')).toBe(0.5);
    expect(readRequestUnits(4097, 'eventual')).toBe(1);
    expect(readRequestUnits(4097, 'strong')).toBe(2);
    expect(readRequestUnits(9000, 'transactional')).toBe(6);
  });

  it('rounds writes up per 1 KB, doubled in a transaction', () => {
    expect(writeRequestUnits(0, false)).toBe(1);
    expect(writeRequestUnits(1024, false)).toBe(1);
    expect(writeRequestUnits(1025, false)).toBe(2);
    expect(writeRequestUnits(1025, true)).toBe(4);
  });

  it('sizes an item as names plus values: strings in UTF-8, numbers by significant digits, nesting overhead', () => {
    expect(itemSizeBytes({ pk: { S: 'abc' } })).toBe(2 + 3);
    expect(itemSizeBytes({ name: { S: 'é' } })).toBe(4 + 2);
    // 12345 has 5 significant digits: ceil(5 / 2) + 1 bytes; 0.0500 has one.
    expect(itemSizeBytes({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSizeBytes({ n: { N: '0.0500' } })).toBe(1 + 2);
    expect(itemSizeBytes({ ok: { BOOL: true }, no: { NULL: true } })).toBe(3 + 3);
    // A map: 3 bytes, plus per element 1 byte, its name and its value.
    expect(itemSizeBytes({ m: { M: { a: { S: 'xy' } } } })).toBe(1 + 3 + 1 + 1 + 2);
    expect(itemSizeBytes({ l: { L: [{ S: 'xy' }, { N: '7' }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
  });
});

describe('Lambda GB-seconds', () => {
  it('bills each invocation rounded up to the millisecond, at its memory in GB', () => {
    expect(lambdaGbSeconds([0.2, 1.5, 998.1], 1024)).toBeCloseTo((1 + 2 + 999) / 1000, 10);
    expect(lambdaGbSeconds([1000], 512)).toBeCloseTo(0.5, 10);
  });

  it("takes a route's memory from its manifest entry, else BazaarFunction's 512 MB", () => {
    expect(functionMemoryMb('functions/identity/handlers/signup.handler')).toBe(1024);
    expect(functionMemoryMb('functions/catalog/handlers/get-product.handler')).toBe(512);
  });
});

describe('Step Functions transitions', () => {
  it('counts every state entered and every task retry, not other history events', () => {
    const history = [
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'ExecutionSucceeded',
    ].map((type) => ({ type }));
    expect(billedTransitions(history)).toBe(3 + 1);
  });
});

describe('pricing a measured run', () => {
  const measured = (): MeasuredUsage => {
    const usage = new LocalUsage();
    usage.apiRequest(1024 ** 3);
    usage.lambdaInvocation('functions/catalog/handlers/get-product.handler', 1000);
    usage.lambdaInvocation('functions/orders/handlers/release-expired.handler', 1000);
    usage.dynamodbCapacity('products', { read: 1_000_000, write: 0 });
    usage.eventBridgeEntry(64 * 1024 + 1);
    return { ...usage.snapshot(), stepFunctions: { executions: 1, transitions: 1000 } };
  };
  const item = (items: ReturnType<typeof priceUsage>, name: string) =>
    items.find((each) => each.item === name)!;

  it('scales what reaches the origin by the share that misses the CDN, never CloudFront itself', () => {
    const items = priceUsage(measured(), { originShare: 0.1, scheduled: new Set() });
    expect(item(items, 'CloudFront requests').quantity).toBe(1);
    expect(item(items, 'CloudFront data transfer out').usd).toBeCloseTo(PRICES.cloudFrontPerGbOut, 10);
    expect(item(items, 'API Gateway HTTP API requests').quantity).toBeCloseTo(0.1, 10);
    expect(item(items, 'DynamoDB reads').usd).toBeCloseTo(0.1 * PRICES.dynamodbPerMillionReadUnits, 10);
    expect(item(items, 'Step Functions transitions').usd).toBeCloseTo(
      0.1 * PRICES.stepFunctionsPerThousandTransitions,
      10,
    );
  });

  it('bills an EventBridge entry per 64 KB chunk, and leaves scheduled handlers to the fixed costs', () => {
    const items = priceUsage(measured(), {
      originShare: 1,
      scheduled: new Set(['functions/orders/handlers/release-expired.handler']),
    });
    expect(item(items, 'EventBridge events').quantity).toBe(2);
    expect(item(items, 'Lambda requests').quantity).toBe(1);
    expect(item(items, 'Lambda duration').quantity).toBeCloseTo(0.5, 10);
  });
});
