import { FaultInjector } from '../../../local/faults/faults';
import { invoke, useFaultInjector } from '../../../local/lambda';
import type { HandlerRef } from '../../../shared/manifests/types';
import { calls } from '../../fixtures/lambda/counter';

// A test fixture, not a manifest handler: the invoker loads any module path under the repo.
const COUNTER = 'test/fixtures/lambda/counter.handler' as HandlerRef;

/** The rejection of a promise that must reject. */
const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the invocation to fail');
    },
    (error: Error) => error,
  );

describe('the local Lambda invoker under faults', () => {
  let faults: FaultInjector;

  beforeEach(() => {
    calls.length = 0;
    faults = new FaultInjector({ seed: 1 });
    useFaultInjector(faults);
  });

  afterAll(() => useFaultInjector(undefined));

  it('fails an invocation before the handler runs, as a Lambda service error the saga retries', async () => {
    faults.add({ kind: 'lambda:invocation-error', target: { handler: COUNTER }, count: 1 });

    const error = await rejectionOf(invoke(COUNTER, { n: 1 }));

    expect(error.name).toBe('Lambda.ServiceException');
    expect(calls).toEqual([]);
    await expect(invoke(COUNTER, { n: 2 })).resolves.toEqual({ calls: 1 });
  });

  it('with preventExecution false, runs the handler (its side effects stay) and then fails', async () => {
    faults.add({ kind: 'lambda:invocation-error', target: { service: 'test' }, preventExecution: false });

    const error = await rejectionOf(invoke(COUNTER, { n: 1 }));

    expect(error.name).toBe('Lambda.ServiceException');
    expect(calls).toEqual([{ n: 1 }]);
  });

  it('delays an invocation, inside its timeout', async () => {
    faults.add({ kind: 'lambda:invocation-add-delay', target: { handler: COUNTER }, delayMs: 300 });

    const startedAt = Date.now();
    await invoke(COUNTER, {});
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);

    const late = await rejectionOf(invoke(COUNTER, {}, 100));
    expect(late.message).toBe(`${COUNTER} timed out after 100 ms`);
    // Past the delay: the timed-out invocation's handler must never have run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toHaveLength(1);
  });

  it('leaves other handlers alone', async () => {
    faults.add({
      kind: 'lambda:invocation-error',
      target: { handler: 'functions/orders/handlers/checkout.handler' },
    });

    await expect(invoke(COUNTER, {})).resolves.toEqual({ calls: 1 });
    expect(faults.log()).toEqual([]);
  });
});
