import { FaultInjector, faultsFromEnvironment, InvalidFaultError } from '../../../local/faults/faults';

const CHECKOUT = 'functions/orders/handlers/checkout.handler';
const CHARGE = 'functions/payments/handlers/charge-step.handler';

/** Which of `calls` draws of `kind` at `point` a fresh injector's faults hit. */
function hits(injector: FaultInjector, calls: number, point = { handler: CHECKOUT }): boolean[] {
  return Array.from({ length: calls }, () => injector.fire('lambda:invocation-error', point) !== undefined);
}

describe('fault selection', () => {
  it('hits every matching call when no probability or count is given', () => {
    const injector = new FaultInjector({ seed: 1 });
    injector.add({ kind: 'lambda:invocation-error', target: { handler: CHECKOUT } });

    expect(hits(injector, 5)).toEqual([true, true, true, true, true]);
  });

  it('stops after `count` hits', () => {
    const injector = new FaultInjector({ seed: 1 });
    const [fault] = injector.add({ kind: 'lambda:invocation-error', count: 2 });

    expect(hits(injector, 4)).toEqual([true, true, false, false]);
    expect(injector.list()[0]).toMatchObject({ id: fault!.id, injected: 2, count: 2 });
  });

  it('hits about `probability` of the calls', () => {
    const injector = new FaultInjector({ seed: 42 });
    injector.add({ kind: 'lambda:invocation-error', probability: 0.3 });

    const rate = hits(injector, 2000).filter(Boolean).length / 2000;

    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.35);
  });

  it('replays the same choices from the same seed, and others from another', () => {
    const run = (seed: number) => {
      const injector = new FaultInjector({ seed });
      injector.add({ kind: 'lambda:invocation-error', probability: 0.5 });
      return hits(injector, 64);
    };

    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('reaches only its target: a handler by ref or short name, a service, a table by id or local name, an operation', () => {
    const injector = new FaultInjector({ seed: 1, tableName: (id) => `bazaar-${id}` });
    injector.add([
      { kind: 'lambda:invocation-error', target: { handler: 'orders/handlers/checkout' } },
      { kind: 'lambda:invocation-add-delay', target: { service: 'payments' }, delayMs: 5 },
      {
        kind: 'dynamodb:transaction-conflict',
        target: { table: 'inventory', operation: 'TransactWriteItems' },
      },
    ]);

    expect(injector.fire('lambda:invocation-error', { handler: CHECKOUT })).toBeDefined();
    expect(injector.fire('lambda:invocation-error', { handler: CHARGE })).toBeUndefined();
    expect(injector.fire('lambda:invocation-add-delay', { handler: CHARGE })).toMatchObject({ delayMs: 5 });
    expect(injector.fire('lambda:invocation-add-delay', { handler: CHECKOUT })).toBeUndefined();
    const conflict = (table: string[], operation: string) =>
      injector.fire('dynamodb:transaction-conflict', { table, operation }) !== undefined;
    expect(conflict(['bazaar-orders', 'bazaar-inventory'], 'TransactWriteItems')).toBe(true);
    expect(conflict(['bazaar-orders'], 'TransactWriteItems')).toBe(false);
    expect(conflict(['bazaar-inventory'], 'TransactGetItems')).toBe(false);
  });

  it('narrows to requests containing a string, read only when the rest of the target matched', () => {
    const injector = new FaultInjector({ seed: 1 });
    injector.add({
      kind: 'dynamodb:throughput-exceeded',
      target: { operation: 'PutItem', contains: 'prod_A' },
    });
    let reads = 0;
    const put = (body: string, operation = 'PutItem') =>
      injector.fire('dynamodb:throughput-exceeded', {
        operation,
        text: () => {
          reads++;
          return body;
        },
      }) !== undefined;

    expect(put('{"pk":"STOCK#prod_A"}')).toBe(true);
    expect(put('{"pk":"STOCK#prod_B"}')).toBe(false);
    expect(put('{"pk":"STOCK#prod_A"}', 'GetItem')).toBe(false);
    expect(reads).toBe(2);
  });

  it('matches bus events by an EventBridge pattern', () => {
    const injector = new FaultInjector({ seed: 1 });
    injector.add({ kind: 'events:put-events-error', target: { event: { 'detail-type': ['OrderPaid'] } } });
    const event = (detailType: string) => ({ id: 'e1', 'detail-type': detailType, detail: {} });

    expect(injector.fire('events:put-events-error', { event: event('OrderPaid') })).toBeDefined();
    expect(injector.fire('events:put-events-error', { event: event('OrderFailed') })).toBeUndefined();
    expect(injector.log()[0]!.point).toEqual({ event: 'OrderPaid e1' });
  });

  it('logs every hit with its fault, kind and point, and keeps the log when faults are cleared', () => {
    const lines: unknown[] = [];
    const injector = new FaultInjector({ seed: 1, log: (_, fields) => lines.push(fields) });
    const [fault] = injector.add({ kind: 'stripe:api-error', target: { operation: 'refunds.create' } });
    injector.fire('stripe:api-error', { operation: 'refunds.create' });
    injector.fire('stripe:api-error', { operation: 'payment_intents.create' });
    injector.clear();

    expect(injector.fire('stripe:api-error', { operation: 'refunds.create' })).toBeUndefined();
    expect(injector.list()).toEqual([]);
    expect(injector.log()).toEqual([
      expect.objectContaining({ seq: 1, faultId: fault!.id, kind: 'stripe:api-error' }),
    ]);
    expect(lines).toHaveLength(1);
  });

  it('runs the handler first only when preventExecution is false', () => {
    const injector = new FaultInjector({ seed: 1 });
    const [before, after] = injector.add([
      { kind: 'lambda:invocation-error' },
      { kind: 'lambda:invocation-error', preventExecution: false },
    ]);

    expect(before!.preventExecution).toBe(true);
    expect(after!.preventExecution).toBe(false);
  });

  it.each([
    [{ kind: 'lambda:explode' }, 'kind'],
    [{ kind: 'stripe:timeout', probability: 0 }, 'probability'],
    [{ kind: 'stripe:timeout', probability: 1.5 }, 'probability'],
    [{ kind: 'stripe:timeout', count: 0 }, 'count'],
    [{ kind: 'stripe:timeout', count: 1.5 }, 'count'],
    [{ kind: 'stripe:timeout', target: { rule: 'x' } }, 'target.rule'],
    [{ kind: 'stripe:timeout', target: 'orders' }, 'target'],
    [{ kind: 'events:put-events-error', target: { event: 'OrderPaid' } }, 'target.event'],
    [{ kind: 'lambda:invocation-add-delay', delayMs: -1 }, 'delayMs'],
    [{ kind: 'lambda:invocation-error', preventExecution: 'no' }, 'preventExecution'],
  ])('refuses %j, naming %s, and arms nothing', (spec, field) => {
    const injector = new FaultInjector({ seed: 1 });
    let thrown: unknown;
    try {
      injector.add([{ kind: 'stripe:timeout' }, spec]);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(InvalidFaultError);
    expect((thrown as InvalidFaultError).field).toBe(`[1].${field}`);
    expect(injector.list()).toEqual([]);
  });

  it('reads BAZAAR_FAULTS as one fault or a list, and refuses what is not JSON', () => {
    expect(faultsFromEnvironment(undefined)).toEqual([]);
    expect(faultsFromEnvironment('{"kind":"stripe:timeout"}')).toEqual([{ kind: 'stripe:timeout' }]);
    expect(faultsFromEnvironment('[{"kind":"stripe:timeout"}]')).toEqual([{ kind: 'stripe:timeout' }]);
    expect(() => faultsFromEnvironment('kind=stripe')).toThrow(/BAZAAR_FAULTS must be JSON/);
  });
});
