import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aslPlaceholders,
  executionArn,
  type LocalStateMachine,
  LocalStepFunctions,
  type TaskFunction,
} from '../../../local/step-functions';

/**
 * The executions' durability with a data dir: a second LocalStepFunctions on the same dir is
 * the platform restarted, and must carry on every running execution as Step Functions would.
 * The first one is stopped mid-step, which with a data dir leaves its running executions on
 * disk exactly as `kill -9` does (test/e2e/crash-restart.test.ts kills a real platform).
 */

const CHECKOUT = 'statemachines/checkout.asl.json';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const never = () => new Promise<never>(() => undefined);

class TransientError extends Error {
  override readonly name = 'TransientError';
}

describe('local Step Functions with a data dir, across a crash', () => {
  let dir: string;
  const instances: LocalStepFunctions[] = [];
  const open = (stateMachines: LocalStateMachine[], waitScale = 0.01) => {
    const sfn = new LocalStepFunctions({ stateMachines, waitScale, dataDir: dir, lambdaTimeoutMs: 500 });
    instances.push(sfn);
    return sfn;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bazaar-sfn-durable-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => Promise.all(instances.map((sfn) => sfn.stop())));

  /** The real checkout saga, every task a plain function (calls counted per state). */
  const checkout = (
    calls: string[],
    behaviour: Partial<Record<string, TaskFunction>> = {},
  ): LocalStateMachine[] => {
    const placeholders = aslPlaceholders(readFileSync(CHECKOUT, 'utf8'));
    return [
      {
        id: 'checkout',
        definitionFile: CHECKOUT,
        taskHandlers: Object.fromEntries(
          placeholders.map((placeholder) => {
            const state = placeholder.replace(/FunctionArn$/, '');
            const run: TaskFunction = (event, info) => {
              calls.push(info.stateName);
              const custom = behaviour[info.stateName];
              return custom ? custom(event, info) : state === 'ChargePayment' ? { payment_id: 'pay_1' } : {};
            };
            return [placeholder, run];
          }),
        ),
      },
    ];
  };

  it('re-runs the checkout task that was running at the crash as a Lambda.Unknown retry, and the order is paid', async () => {
    const before: string[] = [];
    const crashed = open(checkout(before, { ReserveInventory: never }));
    const { executionArn: arn } = crashed.start('checkout', { order_id: 'ord_1', lines: [] }, 'ord_1');
    await until(() => before.includes('ReserveInventory'));
    await crashed.stop();

    const after: string[] = [];
    const restarted = open(checkout(after));
    const execution = await restarted.waitForExecution(arn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.statesEntered).toEqual([
      'ReserveInventory',
      'MarkReservationCharging',
      'ChargePayment',
      'ConfirmInventory',
      'MarkPaid',
    ]);
    expect(after).toEqual([
      'ReserveInventory',
      'MarkReservationCharging',
      'ChargePayment',
      'ConfirmInventory',
      'MarkPaid',
    ]);
    const types = execution.history.map((event) => event.type);
    expect(types.slice(0, 7)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
    ]);
    expect(execution.history[4]!.lambdaFunctionFailedEventDetails).toMatchObject({ error: 'Lambda.Unknown' });
    // One continuous history: ids in order, each pointing at the one before.
    expect(execution.history.map((event) => event.id)).toEqual(
      execution.history.map((_, index) => index + 1),
    );
  });

  it('keeps the retries a task had spent, and re-arms a pending retry with the time it had left', async () => {
    const asl = join(dir, 'flaky.asl.json');
    writeFileSync(
      asl,
      JSON.stringify({
        StartAt: 'Flaky',
        States: {
          Flaky: {
            Type: 'Task',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, not a template
            Resource: '${FlakyFunctionArn}',
            Retry: [
              { ErrorEquals: ['TransientError'], IntervalSeconds: 300, MaxAttempts: 2, BackoffRate: 1 },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'GaveUp' }],
            End: true,
          },
          GaveUp: { Type: 'Pass', End: true },
        },
      }),
    );
    const attempts: number[] = [];
    const flaky: TaskFunction = () => {
      attempts.push(Date.now());
      throw new TransientError('try again');
    };
    const machine = (): LocalStateMachine[] => [
      { id: 'flaky', definitionFile: asl, taskHandlers: { FlakyFunctionArn: flaky } },
    ];
    // 300 s × 0.01: each retry waits 3 s; the crash comes 1 s into the first backoff.
    const crashed = open(machine());
    const { executionArn: arn } = crashed.start('flaky', {}, 'flaky-1');
    await until(() => attempts.length === 1);
    await sleep(1000);
    await crashed.stop();

    const restartedAt = Date.now();
    const restarted = open(machine());
    const execution = await restarted.waitForExecution(arn);

    expect(execution.statesEntered).toEqual(['Flaky', 'GaveUp']);
    expect(attempts).toHaveLength(3); // MaxAttempts 2: the crash gave no extra attempt
    const firstRetryAfter = attempts[1]! - attempts[0]!;
    expect(firstRetryAfter).toBeGreaterThanOrEqual(2990);
    // What was left: a fresh interval armed at the restart could not fire before restartedAt + 3 s,
    // and the remaining one fires at least the second spent before the crash earlier than that.
    expect(attempts[1]!).toBeLessThan(restartedAt + 3000);
  });

  it('re-arms a Wait state with the time it had left', async () => {
    const finished: number[] = [];
    const machine = (): LocalStateMachine[] => [
      {
        id: 'wait',
        definitionFile: 'test/fixtures/state-machines/wait.asl.json',
        taskHandlers: {
          PrepareFunctionArn: () => ({ ready: true }),
          FinishFunctionArn: () => {
            finished.push(Date.now());
            return { done: true };
          },
        },
      },
    ];
    // delay_seconds 150 × 0.01 = 1.5 s, then Settle's 1 s × 0.01; the crash comes 1 s in.
    const crashed = open(machine());
    const started = Date.now();
    const { executionArn: arn } = crashed.start('wait', { delay_seconds: 150 }, 'wait-1');
    await sleep(1000);
    await crashed.stop();

    const restartedAt = Date.now();
    const restarted = open(machine());
    const execution = await restarted.waitForExecution(arn);

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.statesEntered).toEqual(['Prepare', 'Pause', 'Settle', 'Finish']);
    expect(finished[0]! - started).toBeGreaterThanOrEqual(1500);
    // Not 1.5 s again from the restart, which could not end before restartedAt + 1.5 s.
    expect(finished[0]!).toBeLessThan(restartedAt + 1500);
  });

  it('keeps closed executions: stopped ones stay stopped and every used name is refused', async () => {
    const calls: string[] = [];
    const first = open(checkout(calls, { ChargePayment: never }));
    const done = first.start('checkout', { order_id: 'ord_2', lines: [] }, 'ord_2');
    const stopped = first.start('checkout', { order_id: 'ord_3', lines: [] }, 'ord_3');
    await until(() => calls.filter((call) => call === 'ChargePayment').length === 2);
    first.stopExecution(stopped.executionArn, 'Stopped', 'by a test');
    // A line torn by a kill mid-write is skipped on reading.
    await first.stop();
    appendFileSync(join(dir, 'executions.jsonl'), '{"k":"event","arn":"arn:aws:states:us-e');

    const second = open(checkout([]));
    expect(second.execution(stopped.executionArn)?.status).toBe('ABORTED');
    expect(second.execution(stopped.executionArn)?.history.at(-1)?.type).toBe('ExecutionAborted');
    expect((await second.waitForExecution(done.executionArn)).status).toBe('SUCCEEDED');
    await second.stop();

    const third = open(checkout([]));
    expect(third.execution(done.executionArn)?.status).toBe('SUCCEEDED');
    expect(third.execution(stopped.executionArn)?.status).toBe('ABORTED');
    for (const name of ['ord_2', 'ord_3']) {
      expect(() => third.start('checkout', { order_id: name, lines: [] }, name)).toThrow(
        expect.objectContaining({ type: 'ExecutionAlreadyExists' }),
      );
    }
    expect(executionArn('checkout', 'ord_2')).toBe(done.executionArn);
  });
});

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
