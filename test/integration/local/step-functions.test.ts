import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type AwsEndpoint, startAwsEndpoint } from '../../../local/aws-endpoint';
import {
  buildDefinition,
  definitionSubstitutions,
  executionArn,
  type LocalStateMachine,
  LocalStepFunctions,
  stateMachineArn,
  type TaskFunction,
} from '../../../local/step-functions';

const FIXTURES = 'test/fixtures/state-machines';

class TransientError extends Error {
  override readonly name = 'TransientError';
}
class OutOfStockError extends Error {
  override readonly name = 'OutOfStockError';
}
class PaymentDeclinedError extends Error {
  override readonly name = 'PaymentDeclinedError';
}

type Step = 'transient' | 'out-of-stock' | 'declined' | 'type-error' | 'slow';

interface Call {
  task: string;
  key: string;
  event: any;
  at: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('local Step Functions, through the ordinary SFN client', () => {
  let endpoint: AwsEndpoint;
  let sfn: LocalStepFunctions;
  let client: SFNClient;
  const calls: Call[] = [];
  /** What each task does per call, by order id (or execution key): one step per attempt. */
  const plans = new Map<string, Partial<Record<string, Step[]>>>();
  const slowTasks: Array<Promise<void>> = [];

  const task =
    (name: string, result: (event: any) => unknown): TaskFunction =>
    async (event) => {
      const key = String(event?.order_id ?? event?.key ?? '');
      calls.push({ task: name, key, event, at: Date.now() });
      const attempt = calls.filter((call) => call.task === name && call.key === key).length;
      const step = plans.get(key)?.[name]?.[attempt - 1];
      if (step === 'transient') throw new TransientError(`${name} hiccup ${attempt}`);
      if (step === 'out-of-stock') throw new OutOfStockError(`Not enough stock for ${key}`);
      if (step === 'declined') throw new PaymentDeclinedError('Card declined');
      if (step === 'type-error') throw new TypeError('Cannot read properties of undefined');
      if (step === 'slow') await sleep(300);
      return result(event);
    };
  const slowTask: TaskFunction = (event) => {
    calls.push({ task: 'SlowTask', key: event.key, event, at: Date.now() });
    const finished = sleep(event.delay_ms);
    slowTasks.push(finished);
    return finished.then(() => ({ finished: true }));
  };
  const callsOf = (name: string, key: string) =>
    calls.filter((call) => call.task === name && call.key === key);

  const machines = (): LocalStateMachine[] => [
    {
      id: 'order-saga',
      definitionFile: `${FIXTURES}/order-saga.asl.json`,
      taskHandlers: {
        ReserveInventoryFunctionArn: task('ReserveInventory', (event) => ({
          reservation_id: `res_${event.order_id}`,
        })),
        ChargePaymentFunctionArn: task('ChargePayment', (event) => ({
          payment_id: `pay_${event.order_id}`,
          amount_cents: event.amount_cents,
          provider: 'stripe',
        })),
        MarkPaidFunctionArn: task('MarkPaid', () => ({ ignored: true })),
        ReleaseInventoryFunctionArn: task('ReleaseInventory', () => undefined),
        '${MarkFailedFunctionArn}': task('MarkFailed', () => undefined),
      },
    },
    {
      id: 'task-timeout',
      definitionFile: `${FIXTURES}/task-timeout.asl.json`,
      taskHandlers: { SlowTaskFunctionArn: slowTask },
    },
    {
      id: 'wait',
      definitionFile: `${FIXTURES}/wait.asl.json`,
      taskHandlers: {
        PrepareFunctionArn: task('Prepare', () => ({ ready: true })),
        FinishFunctionArn: task('Finish', (event) => ({ finished: event.key, prepared: event.prepared })),
      },
    },
    {
      id: 'nested',
      definitionFile: `${FIXTURES}/nested.asl.json`,
      taskHandlers: {
        DoubleFunctionArn: (event: number) => event * 2,
        SumFunctionArn: (event: { values: number[] }) => event.values.reduce((sum, value) => sum + value, 0),
      },
    },
    {
      id: 'lambda-invoke',
      definitionFile: `${FIXTURES}/lambda-invoke.asl.json`,
      taskHandlers: { EchoFunctionArn: task('Echo', (event) => ({ echo: event })) },
    },
  ];

  beforeAll(async () => {
    endpoint = await startAwsEndpoint();
    sfn = new LocalStepFunctions({ stateMachines: machines(), waitScale: 0.05 });
    sfn.attach(endpoint);
    client = new SFNClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    await sfn.stop();
    await Promise.all(slowTasks);
    await endpoint.stop();
  });

  const start = (machine: string, input: object, name?: string) =>
    client.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(machine),
        input: JSON.stringify(input),
        name,
      }),
    );
  const describe_ = (arn: string) => client.send(new DescribeExecutionCommand({ executionArn: arn }));
  const history = async (arn: string): Promise<HistoryEvent[]> =>
    (await client.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }))).events ?? [];
  const entered = (events: HistoryEvent[]) =>
    events
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((e) => e.stateEnteredEventDetails?.name);
  const run = async (machine: string, input: object, name?: string) => {
    const { executionArn: arn } = await start(machine, input, name);
    await sfn.waitForExecution(arn!);
    return { arn: arn!, description: await describe_(arn!), events: await history(arn!) };
  };
  const outputOf = (description: DescribeExecutionCommandOutput) => JSON.parse(description.output ?? 'null');

  it('runs the happy path through Task, Choice and Pass states, with Parameters, ResultSelector and ResultPath', async () => {
    const { arn, description, events } = await run(
      'order-saga',
      { order_id: 'ord_happy', amount_cents: 4999 },
      'ord_happy',
    );
    expect(arn).toBe(executionArn('order-saga', 'ord_happy'));
    expect(description.status).toBe('SUCCEEDED');
    expect(outputOf(description)).toEqual({
      order_id: 'ord_happy',
      status: 'paid',
      payment: { payment_id: 'pay_ord_happy', charged_cents: 4999 },
    });
    expect(callsOf('ChargePayment', 'ord_happy').map((call) => call.event)).toEqual([
      { order_id: 'ord_happy', amount_cents: 4999, reservation_id: 'res_ord_happy' },
    ]);
    // ResultPath null keeps MarkPaid's result out; its input carried the payment.
    expect(callsOf('MarkPaid', 'ord_happy')[0]!.event.payment).toEqual({
      payment_id: 'pay_ord_happy',
      charged_cents: 4999,
    });
    expect(entered(events)).toEqual(['ReserveInventory', 'CheckAmount', 'ChargePayment', 'MarkPaid', 'Paid']);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));

    const free = await run('order-saga', { order_id: 'ord_free', amount_cents: 0 });
    expect(entered(free.events)).toEqual(['ReserveInventory', 'CheckAmount', 'MarkFree', 'MarkPaid', 'Paid']);
    expect(outputOf(free.description).payment).toEqual({ free: true });
    expect(callsOf('ChargePayment', 'ord_free')).toHaveLength(0);
  });

  it('retries a named transient error with backoff, then succeeds', async () => {
    plans.set('ord_retry', { ReserveInventory: ['transient', 'transient'] });
    const { description, events } = await run('order-saga', { order_id: 'ord_retry', amount_cents: 100 });
    expect(description.status).toBe('SUCCEEDED');
    const attempts = callsOf('ReserveInventory', 'ord_retry');
    expect(attempts).toHaveLength(3);
    // IntervalSeconds 1, BackoffRate 2, scaled by 0.05: 50 ms, then 100 ms.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(45);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(95);
    const failed = events.filter((event) => event.type === 'LambdaFunctionFailed');
    expect(failed.map((event) => event.lambdaFunctionFailedEventDetails?.error)).toEqual([
      'TransientError',
      'TransientError',
    ]);
    expect(events.filter((event) => event.type === 'LambdaFunctionScheduled')).toHaveLength(3 + 2);
    expect(entered(events).filter((name) => name === 'ReserveInventory')).toHaveLength(1);
  });

  it('fails the execution with the error name and Lambda-shaped cause once retries run out', async () => {
    plans.set('ord_flaky', { ReserveInventory: ['transient', 'transient', 'transient', 'transient'] });
    const { description } = await run('order-saga', { order_id: 'ord_flaky', amount_cents: 100 });
    expect(callsOf('ReserveInventory', 'ord_flaky')).toHaveLength(4); // MaxAttempts 3 retries
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('TransientError');
    const cause = JSON.parse(description.cause!);
    expect(cause).toMatchObject({ errorType: 'TransientError', errorMessage: 'ReserveInventory hiccup 4' });
    expect(Array.isArray(cause.trace)).toBe(true);
    expect(description.output).toBeUndefined();
    expect(description.stopDate).toBeInstanceOf(Date);
  });

  it('catches a named error into the compensation branch with { Error, Cause } at the ResultPath', async () => {
    plans.set('ord_oos', { ReserveInventory: ['out-of-stock'] });
    const { description, events } = await run('order-saga', { order_id: 'ord_oos', amount_cents: 100 });
    expect(callsOf('ReserveInventory', 'ord_oos')).toHaveLength(1); // not a retryable error
    expect(callsOf('ChargePayment', 'ord_oos')).toHaveLength(0);
    const [markFailed] = callsOf('MarkFailed', 'ord_oos');
    expect(markFailed!.event).toMatchObject({ order_id: 'ord_oos', amount_cents: 100 });
    expect(markFailed!.event.failure.Error).toBe('OutOfStockError');
    expect(JSON.parse(markFailed!.event.failure.Cause)).toMatchObject({
      errorType: 'OutOfStockError',
      errorMessage: 'Not enough stock for ord_oos',
    });
    expect(entered(events)).toEqual(['ReserveInventory', 'MarkFailed', 'OrderFailed']);
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('OrderFailed');
    expect(description.cause).toBe('The order could not be completed');
    expect(events.at(-1)?.type).toBe('ExecutionFailed');
    expect(events.at(-1)?.executionFailedEventDetails).toEqual({
      error: 'OrderFailed',
      cause: 'The order could not be completed',
    });
  });

  it('matches the specific catcher first and States.ALL for anything else', async () => {
    plans.set('ord_declined', { ChargePayment: ['declined'] });
    plans.set('ord_bug', { ChargePayment: ['type-error'] });
    const declined = await run('order-saga', { order_id: 'ord_declined', amount_cents: 100 });
    const bug = await run('order-saga', { order_id: 'ord_bug', amount_cents: 100 });
    for (const { events } of [declined, bug]) {
      expect(entered(events)).toEqual([
        'ReserveInventory',
        'CheckAmount',
        'ChargePayment',
        'ReleaseInventory',
        'MarkFailed',
        'OrderFailed',
      ]);
    }
    expect(callsOf('ReleaseInventory', 'ord_declined')[0]!.event.failure.Error).toBe('PaymentDeclinedError');
    const caught = callsOf('ReleaseInventory', 'ord_bug')[0]!.event.failure;
    expect(caught.Error).toBe('TypeError');
    expect(JSON.parse(caught.Cause).errorMessage).toBe('Cannot read properties of undefined');
    expect(callsOf('MarkPaid', 'ord_bug')).toHaveLength(0);
  });

  it('fails a Task past its TimeoutSeconds with States.Timeout, which States.TaskFailed neither retries nor catches', async () => {
    const { description, events } = await run('task-timeout', { key: 'slow-1', delay_ms: 1500 });
    expect(callsOf('SlowTask', 'slow-1')).toHaveLength(1);
    expect(description.status).toBe('SUCCEEDED');
    expect(outputOf(description)).toEqual({ handled: 'timeout', error: 'States.Timeout' });
    expect(entered(events)).toEqual(['SlowTask', 'HandleTimeout']);
    expect(events.some((event) => event.type === 'LambdaFunctionTimedOut')).toBe(true);
    // The handler finishing late changes nothing.
    await Promise.all(slowTasks);
    expect((await history(executionArn('task-timeout', description.name!))).length).toBe(events.length);
  });

  it('reports a handler past its own Lambda timeout as Sandbox.Timedout, a retryable task failure', async () => {
    const local = new LocalStepFunctions({
      stateMachines: machines(),
      waitScale: 0.05,
      lambdaTimeoutMs: 100,
    });
    const { executionArn: arn } = local.start('task-timeout', { key: 'slow-2', delay_ms: 300 });
    const execution = await local.waitForExecution(arn);
    expect(callsOf('SlowTask', 'slow-2')).toHaveLength(3); // retried twice
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({ handled: 'task-failed', error: 'Sandbox.Timedout' });
    expect(execution.statesEntered).toEqual(['SlowTask', 'HandleTaskFailure']);
    await local.stop();
  });

  it('waits for SecondsPath and Seconds, scaled by the wait scale', async () => {
    const { description, events } = await run('wait', { key: 'wait-1', delay_seconds: 2 });
    expect(description.status).toBe('SUCCEEDED');
    expect(outputOf(description)).toEqual({ finished: 'wait-1', prepared: { ready: true } });
    const waited = callsOf('Finish', 'wait-1')[0]!.at - callsOf('Prepare', 'wait-1')[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(140); // (2 s + 1 s) × 0.05
    expect(waited).toBeLessThan(2000);
    expect(entered(events)).toEqual(['Prepare', 'Pause', 'Settle', 'Finish']);
    // A Wait passes its input on untouched.
    expect(callsOf('Finish', 'wait-1')[0]!.event).toEqual({
      key: 'wait-1',
      delay_seconds: 2,
      prepared: { ready: true },
    });
    expect(events.filter((event) => event.type === 'WaitStateEntered')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'WaitStateExited')).toHaveLength(2);

    const bad = await run('wait', { key: 'wait-bad', delay_seconds: 'soon' });
    expect(bad.description.status).toBe('FAILED');
    expect(bad.description.error).toBe('States.Runtime');
    expect(callsOf('Finish', 'wait-bad')).toHaveLength(0);
  });

  it('treats StartExecution with the same name and input as the same running execution', async () => {
    const input = { key: 'idem-1', delay_seconds: 600 };
    const first = await start('wait', input, 'idem-1');
    const second = await start('wait', input, 'idem-1');
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate).toEqual(first.startDate);
    await until(async () => entered(await history(first.executionArn!)).includes('Pause'));
    expect(callsOf('Prepare', 'idem-1')).toHaveLength(1);

    await expect(start('wait', { ...input, delay_seconds: 601 }, 'idem-1')).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    const running = await client.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn('wait'), statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.filter((execution) => execution.name === 'idem-1')).toHaveLength(1);

    // Once closed, the name stays taken even for the same input.
    await client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(start('wait', input, 'idem-1')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('stops a running execution during a Wait: ABORTED, and later states never run', async () => {
    const { executionArn: arn } = await start('wait', { key: 'stop-wait', delay_seconds: 10 });
    await until(async () => entered(await history(arn!)).includes('Pause'));
    // Unstopped, Finish would run once Pause (10 s) and Settle (1 s), scaled by 0.05, are over.
    const finishWouldRunAt = Date.now() + (10 + 1) * 1000 * 0.05;
    const stopped = await client.send(
      new StopExecutionCommand({ executionArn: arn, error: 'OrderCancelled', cause: 'Customer cancelled' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const description = await describe_(arn!);
    expect(description).toMatchObject({
      status: 'ABORTED',
      error: 'OrderCancelled',
      cause: 'Customer cancelled',
    });
    await sfn.waitForExecution(arn!);
    // Nothing signals that a stopped Wait's timer will never fire: look once it would have.
    await sleep(finishWouldRunAt + 200 - Date.now());
    expect(callsOf('Finish', 'stop-wait')).toHaveLength(0);
    const events = await history(arn!);
    expect(entered(events)).toEqual(['Prepare', 'Pause']);
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'OrderCancelled', cause: 'Customer cancelled' },
    });
    // Stopping a closed execution is a no-op.
    await client.send(new StopExecutionCommand({ executionArn: arn }));
    expect((await describe_(arn!)).status).toBe('ABORTED');
  });

  it('stops a running execution during a slow Task: the task finishes, the next state never starts', async () => {
    plans.set('ord_stop', { ChargePayment: ['slow'] });
    const { executionArn: arn } = await start('order-saga', { order_id: 'ord_stop', amount_cents: 100 });
    await until(() => callsOf('ChargePayment', 'ord_stop').length > 0);
    await client.send(new StopExecutionCommand({ executionArn: arn }));
    await sleep(400); // the charge completes meanwhile
    expect(callsOf('MarkPaid', 'ord_stop')).toHaveLength(0);
    const description = await describe_(arn!);
    expect(description.status).toBe('ABORTED');
    expect(description.error).toBeUndefined();
    const types = (await history(arn!)).map((event) => event.type);
    expect(types.at(-1)).toBe('ExecutionAborted');
    expect(types.filter((type) => type === 'LambdaFunctionSucceeded')).toHaveLength(1); // Reserve only
  });

  it('runs tasks and waits inside Map and Parallel states', async () => {
    const { description, events } = await run('nested', { items: [1, 2, 3] });
    expect(description.status).toBe('SUCCEEDED');
    expect(outputOf(description)).toEqual({ items: [1, 2, 3], doubled: [2, 4, 6], both: [12, 'done'] });
    expect(events.filter((event) => event.type === 'MapIterationSucceeded')).toHaveLength(3);
    expect(events.filter((event) => event.type === 'WaitStateExited')).toHaveLength(3);
    expect(entered(events)).toEqual(expect.arrayContaining(['EachItem', 'Nap', 'Double', 'Both', 'Sum']));
  });

  it('serves the optimised lambda:invoke integration with its Payload wrapping and Task events', async () => {
    plans.set('echo-1', { Echo: ['transient'] });
    const { description, events } = await run('lambda-invoke', { key: 'echo-1', n: 1 });
    expect(description.status).toBe('SUCCEEDED');
    expect(outputOf(description)).toEqual({ echoed: { echo: { key: 'echo-1', n: 1 } }, status: 200 });
    expect(callsOf('Echo', 'echo-1')).toHaveLength(2);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[4]!.taskFailedEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'TransientError',
    });
  });

  it('answers StartExecution errors as Step Functions does, and names an unnamed execution', async () => {
    await expect(start('no-such-machine', {})).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('wait'), input: '{nope' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(start('wait', {}, 'has spaces')).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(describe_(executionArn('wait', 'never-started'))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(describe_('not-an-arn')).rejects.toMatchObject({ name: 'InvalidArn' });

    const unnamed = await client.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn('wait'), input: undefined }),
    );
    const name = unnamed.executionArn!.split(':').at(-1)!;
    expect(name).toMatch(/^[0-9a-f-]{36}$/);
    await sfn.waitForExecution(unnamed.executionArn!);
    // No input is `{}`; SecondsPath then points nowhere, which fails the execution (States.Runtime).
    const description = await describe_(unnamed.executionArn!);
    expect(description).toMatchObject({ name, input: '{}', status: 'FAILED', error: 'States.Runtime' });
  });

  it('describes, lists and pages executions and their history', async () => {
    const { arn } = await run('order-saga', { order_id: 'ord_listed', amount_cents: 250 }, 'ord_listed');
    const description = await describe_(arn);
    expect(description).toMatchObject({
      executionArn: arn,
      stateMachineArn: stateMachineArn('order-saga'),
      name: 'ord_listed',
      status: 'SUCCEEDED',
      input: JSON.stringify({ order_id: 'ord_listed', amount_cents: 250 }),
    });
    expect(description.startDate!.getTime()).toBeLessThanOrEqual(description.stopDate!.getTime());

    const succeeded = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn('order-saga'),
        statusFilter: 'SUCCEEDED',
      }),
    );
    const names = succeeded.executions!.map((execution) => execution.name);
    expect(names[0]).toBe('ord_listed'); // newest first
    expect(names).toContain('ord_happy');
    expect(succeeded.executions!.every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
    const failed = await client.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn('order-saga'), statusFilter: 'FAILED' }),
    );
    expect(failed.executions!.length).toBeGreaterThanOrEqual(3);
    expect(failed.executions!.map((execution) => execution.name)).not.toContain('ord_listed');

    const pageOne = await client.send(
      new ListExecutionsCommand({ stateMachineArn: stateMachineArn('order-saga'), maxResults: 1 }),
    );
    expect(pageOne.executions).toHaveLength(1);
    const pageTwo = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn('order-saga'),
        maxResults: 1,
        nextToken: pageOne.nextToken,
      }),
    );
    expect(pageTwo.executions![0]!.executionArn).not.toBe(pageOne.executions![0]!.executionArn);
    await expect(
      client.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn('nope') })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });

    const reversed = await client.send(
      new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder: true, maxResults: 2 }),
    );
    expect(reversed.events!.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'PassStateExited']);
    expect(reversed.nextToken).toBeDefined();
    const firstEntered = (await history(arn)).find((event) => event.type === 'TaskStateEntered')!;
    expect(firstEntered.stateEnteredEventDetails).toEqual({
      name: 'ReserveInventory',
      input: JSON.stringify({ order_id: 'ord_listed', amount_cents: 250 }),
      inputDetails: { truncated: false },
    });
    expect(firstEntered.timestamp).toBeInstanceOf(Date);

    expect(sfn.executions({ stateMachineId: 'order-saga', status: 'RUNNING' })).toEqual([]);
    expect(sfn.execution(arn)?.statesEntered).toEqual([
      'ReserveInventory',
      'CheckAmount',
      'ChargePayment',
      'MarkPaid',
      'Paid',
    ]);
  });

  it('substitutes placeholders with local task ARNs and refuses ASL and handlers that disagree', () => {
    expect(stateMachineArn('checkout')).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:checkout');
    expect(definitionSubstitutions({ '${ReserveFunctionArn}': 'functions/x.handler' })).toEqual({
      ReserveFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ReserveFunctionArn',
    });
    const { definition } = buildDefinition(machines()[0]!, { rootDir: process.cwd() });
    expect(definition.States.ReserveInventory!.Resource).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:ReserveInventoryFunctionArn',
    );

    const dir = mkdtempSync(join(tmpdir(), 'sfn-asl-'));
    try {
      const file = join(dir, 'machine.asl.json');
      writeFileSync(
        file,
        JSON.stringify({
          StartAt: 'A',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, not a template
          States: { A: { Type: 'Task', Resource: '${AFunctionArn}', End: true } },
        }),
      );
      expect(() =>
        buildDefinition({ id: 'm', definitionFile: file, taskHandlers: {} }, { rootDir: dir }),
      ).toThrow(/no handler for AFunctionArn/);
      expect(() =>
        buildDefinition(
          { id: 'm', definitionFile: file, taskHandlers: { AFunctionArn: 'a', BFunctionArn: 'b' } },
          { rootDir: dir },
        ),
      ).toThrow(/not in the ASL: BFunctionArn/);
      writeFileSync(
        file,
        JSON.stringify({
          StartAt: 'A',
          States: { A: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', End: true } },
        }),
      );
      expect(
        () =>
          new LocalStepFunctions({ stateMachines: [{ id: 'm', definitionFile: file, taskHandlers: {} }] }),
      ).toThrow(/serves Lambda tasks only/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
