import './polyfills';
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { HandlerRef } from '../shared/manifests/types';
import { type AwsEndpoint, AwsServiceError } from './aws-endpoint';
import { invoke as invokeHandler, REPO_ROOT } from './lambda';
import {
  buildDefinition,
  executionArn as executionArnOf,
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  type PreparedDefinition,
  placeholderName,
  prepareDefinition,
  stateMachineArn,
  type TaskBinding,
  taskFunctionArn,
} from './step-functions/definition';
import {
  type LambdaFailure,
  lambdaFailureOf,
  lambdaTimeoutFailure,
  TaskFailedError,
  TerminalError,
} from './step-functions/errors';
import { History, type HistoryEvent, wireEvent } from './step-functions/history';

export {
  aslPlaceholders,
  buildDefinition,
  definitionSubstitutions,
  executionArn,
  placeholderName,
  stateMachineArn,
  substituteDefinition,
  taskFunctionArn,
} from './step-functions/definition';
export { lambdaFailureOf } from './step-functions/errors';
export type { HistoryEvent } from './step-functions/history';

/**
 * The local Step Functions service: runs the manifest's state machines (Standard workflows)
 * with the `aws-local-stepfunctions` ASL interpreter, calls each Task's handler in-process as
 * Lambda would, and serves the operations handlers use through `@aws-sdk/client-sfn`
 * (StartExecution, DescribeExecution, StopExecution, ListExecutions, GetExecutionHistory,
 * DescribeStateMachine, ListStateMachines) on the local AWS endpoint.
 *
 * Failures reach Retry and Catch as on AWS: a handler that throws becomes the state error
 * `Error = error.name` (Lambda's `errorType`), `Cause = {"errorType","errorMessage","trace"}` as a
 * JSON string; a Task past its `TimeoutSeconds` fails with `States.Timeout`, which
 * `States.TaskFailed` does not match; a handler past its own Lambda timeout fails with
 * `Sandbox.Timedout`.
 */

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** What a task handler is told about the call, besides its event. */
export interface TaskInfo {
  stateMachineId: string;
  executionArn: string;
  stateName: string;
  placeholder: string;
}

/** A plain function standing in for a task's Lambda handler (tests). */
// biome-ignore lint/suspicious/noExplicitAny: a task receives whatever its state's input is
export type TaskFunction = (event: any, info: TaskInfo) => unknown;

/** Runs a manifest handler for a task; the default is `invoke` from local/lambda.ts. */
export type TaskInvoker = (
  handler: HandlerRef,
  event: unknown,
  info: TaskInfo & { timeoutMs: number },
) => Promise<unknown>;

export interface LocalStateMachine {
  id: string;
  /** Repo-relative (from `rootDir`) or absolute path of the ASL file. */
  definitionFile: string;
  /** `${Placeholder}` (or `Placeholder`) → manifest handler, or a plain function. */
  taskHandlers: Record<string, HandlerRef | TaskFunction>;
}

export interface LocalStepFunctionsOptions {
  /** `StateMachineDefinition`s from shared/manifests fit as they are. */
  stateMachines: readonly LocalStateMachine[];
  /** Where relative `definitionFile`s are read from; the repo root by default. */
  rootDir?: string;
  /** Calls manifest handlers; the default runs them in-process with local/lambda.ts. */
  invoke?: TaskInvoker;
  /** Each task handler's Lambda timeout (then `Sandbox.Timedout`); 30 s by default, as the CDK side. */
  lambdaTimeoutMs?: number;
  /**
   * Multiplies every wait the state machine itself makes: Wait states (`Seconds`, `SecondsPath`,
   * and the time left to a `Timestamp`) and Retry intervals. Task `TimeoutSeconds` and the
   * execution's `TimeoutSeconds` are never scaled. Default: `BAZAAR_SFN_WAIT_SCALE`, else 1.
   */
  waitScale?: number;
  /** Closed executions kept (oldest forgotten first, their names free again); 10 000 by default. */
  retainExecutions?: number;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** An execution as the in-process API shows it (input and output parsed). */
export interface LocalExecution {
  executionArn: string;
  stateMachineArn: string;
  stateMachineId: string;
  name: string;
  status: ExecutionStatus;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  history: readonly HistoryEvent[];
  /** Names of the states entered, in order. */
  statesEntered: string[];
}

type Interpreter = StateMachine;
type RunInput = Parameters<Interpreter['run']>[0];
type RunOptions = NonNullable<Parameters<Interpreter['run']>[1]>;
type EventLog = ReturnType<Interpreter['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

interface LoadedMachine {
  id: string;
  arn: string;
  /** The substituted ASL text, as DescribeStateMachine shows it. */
  text: string;
  prepared: PreparedDefinition;
  interpreter: Interpreter;
  handlers: Map<string, HandlerRef | TaskFunction>;
  createdAt: Date;
}

interface Outcome {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string;
  cause?: string;
}

interface TaskAttempt {
  stateName: string;
  timedOut: boolean;
}

interface ExecutionRecord {
  machine: LoadedMachine;
  executionArn: string;
  name: string;
  inputText: string;
  input: unknown;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  history: History;
  /** Cancels this execution's own timers (scaled waits). */
  controller: AbortController;
  abortInterpreter?: () => void;
  /** The interpreter has a result (success, failure or abort); history may still be draining. */
  settled: boolean;
  /** Closed and its history complete. */
  finished: boolean;
  done: Promise<void>;
  inFlight: TaskAttempt[];
  /** The Fail state the execution is failing in, if any. */
  failState?: string;
}

const WAIT_SCALE_ENV = 'BAZAAR_SFN_WAIT_SCALE';
const DEFAULT_LAMBDA_TIMEOUT_MS = 30_000;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/;
/** Step Functions refuses whitespace, brackets, wildcards, these specials and control characters. */
const INVALID_NAME_CHARS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

class LambdaTimedOut extends Error {
  constructor(readonly failure: LambdaFailure) {
    super(failure.cause);
  }
}

export class LocalStepFunctions {
  private readonly machines = new Map<string, LoadedMachine>();
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly waitScale: number;
  private readonly lambdaTimeoutMs: number;
  private stopped = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    const scale = options.waitScale ?? Number(process.env[WAIT_SCALE_ENV] || 1);
    if (!Number.isFinite(scale) || scale < 0) throw new Error(`${WAIT_SCALE_ENV} must be a number >= 0`);
    this.waitScale = scale;
    this.lambdaTimeoutMs = options.lambdaTimeoutMs ?? DEFAULT_LAMBDA_TIMEOUT_MS;
    for (const spec of options.stateMachines) {
      const machine = this.load(spec);
      if (this.machines.has(machine.arn)) throw new Error(`State machine ${spec.id} is defined twice`);
      this.machines.set(machine.arn, machine);
    }
  }

  /** Serves the Step Functions operations on the local AWS endpoint. */
  attach(endpoint: AwsEndpoint): void {
    const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
      StartExecution: (input) => this.startExecutionOperation(input),
      DescribeExecution: (input) => this.describeExecutionOperation(input),
      StopExecution: (input) => this.stopExecutionOperation(input),
      ListExecutions: (input) => this.listExecutionsOperation(input),
      GetExecutionHistory: (input) => this.getExecutionHistoryOperation(input),
      DescribeStateMachine: (input) => this.describeStateMachineOperation(input),
      ListStateMachines: (input) => this.listStateMachinesOperation(input),
    };
    for (const [name, operation] of Object.entries(operations)) {
      endpoint.register(`AWSStepFunctions.${name}`, async (input) => operation(input));
    }
  }

  // ---------------------------------------------------------------------------------------
  // In-process API (the runtime and tests).

  /** Starts an execution as StartExecution does (same idempotency and errors). */
  start(
    stateMachineId: string,
    input: unknown = {},
    name?: string,
  ): { executionArn: string; startDate: Date } {
    const started = this.startExecution(stateMachineArn(stateMachineId), JSON.stringify(input), name);
    return { executionArn: started.executionArn, startDate: started.startDate };
  }

  /** Resolves once the execution is closed and its history complete; rejects after `timeoutMs`. */
  async waitForExecution(executionArn: string, timeoutMs = 10_000): Promise<LocalExecution> {
    const record = this.records.get(executionArn);
    if (!record) throw new Error(`No execution ${executionArn}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        record.done,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Execution ${executionArn} still ${record.status} after ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return this.snapshot(record);
  }

  execution(executionArn: string): LocalExecution | undefined {
    const record = this.records.get(executionArn);
    return record && this.snapshot(record);
  }

  executions(filter: { stateMachineId?: string; status?: ExecutionStatus } = {}): LocalExecution[] {
    return [...this.records.values()]
      .filter(
        (record) =>
          (!filter.stateMachineId || record.machine.id === filter.stateMachineId) &&
          (!filter.status || record.status === filter.status),
      )
      .map((record) => this.snapshot(record));
  }

  /** Stops a running execution as StopExecution does; a closed one is left as it is. */
  stopExecution(executionArn: string, error?: string, cause?: string): { stopDate: Date } {
    const record = this.record(executionArn);
    if (record.status !== 'RUNNING' || record.settled) return { stopDate: record.stopDate ?? new Date() };
    record.status = 'ABORTED';
    record.stopDate = new Date();
    record.error = error;
    record.cause = cause;
    record.controller.abort();
    record.abortInterpreter?.();
    return { stopDate: record.stopDate };
  }

  /** Resolves when no execution is running (including ones started while waiting). */
  async idle(): Promise<void> {
    for (;;) {
      const open = [...this.records.values()].filter((record) => !record.finished);
      if (open.length === 0) return;
      await Promise.all(open.map((record) => record.done));
    }
  }

  /** Aborts every running execution and refuses new ones (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const record of this.records.values()) {
      this.stopExecution(record.executionArn, 'LocalRuntimeStopped', 'The local runtime stopped');
    }
    await this.idle();
  }

  // ---------------------------------------------------------------------------------------
  // Loading.

  private load(spec: LocalStateMachine): LoadedMachine {
    const { text, definition } = buildDefinition(spec, { rootDir: this.options.rootDir ?? REPO_ROOT });
    try {
      // Validates the definition as written (JSONPaths, ARNs, reachability).
      new StateMachine(definition as never, { validationOptions: { checkArn: true, checkPaths: true } });
    } catch (error) {
      throw new Error(`State machine ${spec.id} (${spec.definitionFile}): ${(error as Error).message}`);
    }
    const handlers = new Map(
      Object.entries(spec.taskHandlers).map(([key, handler]) => [placeholderName(key), handler]),
    );
    const arnToPlaceholder = new Map([...handlers.keys()].map((name) => [taskFunctionArn(name), name]));
    const prepared = prepareDefinition(spec.id, definition, arnToPlaceholder, this.waitScale);
    return {
      id: spec.id,
      arn: stateMachineArn(spec.id),
      text,
      prepared,
      interpreter: new StateMachine(prepared.runtime as never, { validationOptions: { noValidate: true } }),
      handlers,
      createdAt: new Date(),
    };
  }

  // ---------------------------------------------------------------------------------------
  // Executions.

  private startExecution(
    machineArn: string,
    inputText: string | undefined,
    requestedName: string | undefined,
  ): ExecutionRecord {
    const machine = this.machine(machineArn);
    if (this.stopped) throw new AwsServiceError('StateMachineDeleting', 'The local runtime is stopping');
    const name = requestedName ?? randomUUID();
    if (typeof name !== 'string' || name.length < 1 || name.length > 80 || INVALID_NAME_CHARS.test(name)) {
      throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
    }
    const text = inputText ?? '{}';
    let input: unknown;
    try {
      if (typeof text !== 'string') throw new Error('input must be a string');
      input = JSON.parse(text);
    } catch (error) {
      throw new AwsServiceError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const arn = executionArnOf(machine.id, name);
    const existing = this.records.get(arn);
    if (existing) {
      // Standard workflows: the same name and input while running is the same execution.
      if (existing.status === 'RUNNING' && !existing.settled && existing.inputText === text) return existing;
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const record: ExecutionRecord = {
      machine,
      executionArn: arn,
      name,
      inputText: text,
      input,
      status: 'RUNNING',
      startDate: new Date(),
      history: new History(),
      controller: new AbortController(),
      settled: false,
      finished: false,
      done: Promise.resolve(),
      inFlight: [],
    };
    this.records.set(arn, record);
    this.launch(record);
    return record;
  }

  private launch(record: ExecutionRecord): void {
    const { machine } = record;
    record.history.add('ExecutionStarted', {
      input: record.inputText,
      inputDetails: { truncated: false },
      roleArn: roleArn(machine.id),
    });
    const taskResourceLocalHandlers = Object.fromEntries(
      [...machine.prepared.bindings].map(([stateName, binding]) => [
        stateName,
        (input: unknown) => this.runTask(record, stateName, binding, input) as Promise<never>,
      ]),
    );
    const options: RunOptions = {
      overrides: { taskResourceLocalHandlers },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: roleArn(machine.id) },
        StateMachine: { Id: machine.arn, Name: machine.id },
      },
    };
    const run = machine.interpreter.run(record.input as RunInput, options);
    record.abortInterpreter = run.abort;
    const drained = (async () => {
      for await (const event of run.eventLogs) this.onEvent(record, event);
    })().catch((error) => this.options.log?.('History recording failed', { error: String(error) }));
    const settled = run.result
      .then(
        (output): Outcome => ({ status: 'SUCCEEDED', output: JSON.stringify(output ?? null) }),
        (error): Outcome => this.failureOutcome(record, error),
      )
      .then((outcome) => {
        record.settled = true;
        return outcome;
      });
    record.done = Promise.all([settled, drained]).then(([outcome]) => this.finish(record, outcome));
  }

  private failureOutcome(record: ExecutionRecord, error: unknown): Outcome {
    const name = (error as Error | undefined)?.name;
    if (name === 'ExecutionAbortedError') return { status: 'ABORTED' };
    if (name === 'ExecutionTimeoutError') return { status: 'TIMED_OUT', error: 'States.Timeout' };
    if (name === 'ExecutionError') {
      const cause = (error as Error).cause as Error | undefined;
      const outcome: Outcome = { status: 'FAILED', error: cause?.name, cause: cause?.message };
      const fail = record.failState ? record.machine.prepared.failStates.get(record.failState) : undefined;
      if (fail) {
        // A Fail state without Error/Cause fails the execution without them (not with the interpreter's defaults).
        if (fail.Error === undefined && fail.ErrorPath === undefined) outcome.error = undefined;
        if (fail.Cause === undefined && fail.CausePath === undefined) outcome.cause = undefined;
      }
      return outcome;
    }
    return { status: 'FAILED', error: 'States.Runtime', cause: String((error as Error)?.message ?? error) };
  }

  private finish(record: ExecutionRecord, outcome: Outcome): void {
    if (record.status === 'ABORTED') {
      record.history.add('ExecutionAborted', defined({ error: record.error, cause: record.cause }));
    } else {
      Object.assign(record, { status: outcome.status, stopDate: new Date() });
      record.output = outcome.output;
      record.error = outcome.error;
      record.cause = outcome.cause;
      const details = defined({ error: outcome.error, cause: outcome.cause });
      if (outcome.status === 'SUCCEEDED') {
        record.history.add('ExecutionSucceeded', {
          output: outcome.output,
          outputDetails: { truncated: false },
        });
      } else if (outcome.status === 'TIMED_OUT') {
        record.history.add('ExecutionTimedOut', details);
      } else if (outcome.status === 'ABORTED') {
        record.history.add('ExecutionAborted', details);
      } else {
        record.history.add('ExecutionFailed', details);
      }
      if (outcome.status !== 'SUCCEEDED') {
        this.options.log?.('Execution did not succeed', {
          executionArn: record.executionArn,
          status: outcome.status,
          error: outcome.error,
          cause: outcome.cause,
        });
      }
    }
    record.finished = true;
    record.controller.abort();
    const retain = this.options.retainExecutions ?? 10_000;
    for (const [arn, candidate] of this.records) {
      if (this.records.size <= retain) break;
      if (candidate.finished) this.records.delete(arn);
    }
  }

  /** Turns the interpreter's event log into Step Functions history events. */
  private onEvent(record: ExecutionRecord, event: EventLog): void {
    if (record.finished) return;
    const { prepared } = record.machine;
    switch (event.type) {
      case 'StateEntered': {
        const type = prepared.stateTypes.get(event.state.name) ?? event.state.type;
        record.failState = undefined;
        record.history.add(`${type}StateEntered`, {
          name: event.state.name,
          input: JSON.stringify(event.state.input ?? null),
          inputDetails: { truncated: false },
        });
        return;
      }
      case 'StateExited': {
        const type = prepared.stateTypes.get(event.state.name) ?? event.state.type;
        record.history.add(`${type}StateExited`, {
          name: event.state.name,
          output: JSON.stringify(event.state.output ?? null),
          outputDetails: { truncated: false },
        });
        return;
      }
      case 'StateFailed': {
        const type = prepared.stateTypes.get(event.state.name);
        if (type === 'Fail') record.failState = event.state.name;
        const binding = prepared.bindings.get(event.state.name);
        if (event.Error === 'States.Timeout' && binding && binding.kind !== 'wait') {
          const attempt = record.inFlight.find(
            (candidate) => candidate.stateName === event.state.name && !candidate.timedOut,
          );
          if (attempt) attempt.timedOut = true;
          const names = taskEventNames(binding);
          record.history.add(names.timedOut, {
            ...names.resource,
            error: 'States.Timeout',
            cause: typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause ?? null),
          });
        }
        return;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        record.history.add(event.type, { name: event.parentState.name, index: event.index });
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Tasks.

  private async runTask(
    record: ExecutionRecord,
    stateName: string,
    binding: TaskBinding,
    input: unknown,
  ): Promise<unknown> {
    if (closed(record)) throw notRunning(record);
    if (binding.kind === 'wait') return this.runWait(record, input as WaitTaskInput);
    // The interpreter announced the state a moment ago; let the history record that first.
    await new Promise((resolve) => setImmediate(resolve));
    if (closed(record)) throw notRunning(record);

    const invokeStyle = binding.kind === 'lambda:invoke';
    const event = invokeStyle ? ((input as { Payload?: unknown } | null)?.Payload ?? {}) : input;
    const names = taskEventNames(binding);
    const attempt: TaskAttempt = { stateName, timedOut: false };
    record.inFlight.push(attempt);
    record.history.add(
      names.scheduled,
      invokeStyle
        ? { ...names.resource, region: LOCAL_REGION, parameters: JSON.stringify(input) }
        : {
            resource: binding.resource,
            input: JSON.stringify(event ?? null),
            inputDetails: { truncated: false },
          },
    );
    record.history.add(names.started, invokeStyle ? names.resource : undefined);
    const live = () => !attempt.timedOut && !closed(record);
    try {
      const result = await this.callTask(record, stateName, binding.placeholder, event);
      // Lambda returns JSON: undefined becomes null, dates become strings, and so on.
      const output: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
      if (live()) {
        record.history.add(names.succeeded, {
          ...names.resource,
          output: JSON.stringify(output),
          outputDetails: { truncated: false },
        });
      }
      return invokeStyle
        ? {
            ExecutedVersion: '$LATEST',
            Payload: output,
            SdkHttpMetadata: { HttpStatusCode: 200 },
            SdkResponseMetadata: { RequestId: randomUUID() },
            StatusCode: 200,
          }
        : output;
    } catch (thrown) {
      const failure = thrown instanceof LambdaTimedOut ? thrown.failure : lambdaFailureOf(thrown);
      if (live()) record.history.add(names.failed, { ...names.resource, ...failure });
      throw new TaskFailedError(failure);
    } finally {
      record.inFlight.splice(record.inFlight.indexOf(attempt), 1);
    }
  }

  private async callTask(
    record: ExecutionRecord,
    stateName: string,
    placeholder: string,
    event: unknown,
  ): Promise<unknown> {
    const handler = record.machine.handlers.get(placeholder)!;
    const info: TaskInfo = {
      stateMachineId: record.machine.id,
      executionArn: record.executionArn,
      stateName,
      placeholder,
    };
    // Each attempt gets its own copy, as a serialized Lambda payload would be.
    const payload = structuredClone(event);
    const timeoutMs = this.lambdaTimeoutMs;
    if (typeof handler === 'function') {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          Promise.resolve().then(() => handler(payload, info)),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new LambdaTimedOut(lambdaTimeoutFailure(timeoutMs))), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    }
    if (this.options.invoke) return this.options.invoke(handler, payload, { ...info, timeoutMs });
    try {
      return await invokeHandler(handler, payload, timeoutMs);
    } catch (error) {
      // local/lambda.ts's own timeout error, word for word.
      if (error instanceof Error && error.message === `${handler} timed out after ${timeoutMs} ms`) {
        throw new LambdaTimedOut(lambdaTimeoutFailure(timeoutMs));
      }
      throw error;
    }
  }

  private async runWait(record: ExecutionRecord, input: WaitTaskInput): Promise<unknown> {
    let ms: number;
    if ('seconds' in input) {
      const seconds = input.seconds;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw new TerminalError(
          'States.Runtime',
          `A Wait state's seconds must be a non-negative integer, not ${JSON.stringify(seconds)}`,
        );
      }
      ms = seconds * 1000;
    } else {
      const timestamp = input.timestamp;
      if (typeof timestamp !== 'string' || !RFC3339.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
        throw new TerminalError(
          'States.Runtime',
          `A Wait state's timestamp must be an RFC 3339 timestamp, not ${JSON.stringify(timestamp)}`,
        );
      }
      ms = Math.max(0, Date.parse(timestamp) - Date.now());
    }
    await sleep(ms * this.waitScale, record.controller.signal);
    if (closed(record)) throw notRunning(record);
    return input.input;
  }

  // ---------------------------------------------------------------------------------------
  // The JSON operations.

  private startExecutionOperation(input: Record<string, unknown>): unknown {
    const record = this.startExecution(
      requiredString(input, 'stateMachineArn'),
      input.input as string | undefined,
      input.name as string | undefined,
    );
    return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
  }

  private describeExecutionOperation(input: Record<string, unknown>): unknown {
    const record = this.record(requiredString(input, 'executionArn'));
    return defined({
      executionArn: record.executionArn,
      stateMachineArn: record.machine.arn,
      name: record.name,
      status: record.status,
      startDate: epochSeconds(record.startDate),
      stopDate: record.stopDate && epochSeconds(record.stopDate),
      input: record.inputText,
      inputDetails: { included: true },
      output: record.status === 'SUCCEEDED' ? record.output : undefined,
      outputDetails: record.status === 'SUCCEEDED' ? { included: true } : undefined,
      error: record.error,
      cause: record.cause,
    });
  }

  private stopExecutionOperation(input: Record<string, unknown>): unknown {
    const error = input.error as string | undefined;
    const cause = input.cause as string | undefined;
    if ((error?.length ?? 0) > 256 || (cause?.length ?? 0) > 32_768) {
      throw new AwsServiceError('ValidationException', 'error is at most 256 and cause 32768 characters');
    }
    const { stopDate } = this.stopExecution(requiredString(input, 'executionArn'), error, cause);
    return { stopDate: epochSeconds(stopDate) };
  }

  private listExecutionsOperation(input: Record<string, unknown>): unknown {
    const machine = this.machine(requiredString(input, 'stateMachineArn'));
    const statusFilter = input.statusFilter as ExecutionStatus | undefined;
    if (statusFilter !== undefined && !STATUSES.includes(statusFilter)) {
      throw new AwsServiceError('ValidationException', `Invalid statusFilter: '${statusFilter}'`);
    }
    const matching = [...this.records.values()]
      .filter((record) => record.machine === machine && (!statusFilter || record.status === statusFilter))
      .reverse(); // newest first, as Step Functions lists them
    const { page, nextToken } = paginate(matching, input);
    return defined({
      executions: page.map((record) =>
        defined({
          executionArn: record.executionArn,
          stateMachineArn: machine.arn,
          name: record.name,
          status: record.status,
          startDate: epochSeconds(record.startDate),
          stopDate: record.stopDate && epochSeconds(record.stopDate),
        }),
      ),
      nextToken,
    });
  }

  private getExecutionHistoryOperation(input: Record<string, unknown>): unknown {
    const record = this.record(requiredString(input, 'executionArn'));
    const events = [...record.history.events];
    if (input.reverseOrder === true) events.reverse();
    const { page, nextToken } = paginate(events, input);
    const includeData = input.includeExecutionData !== false;
    return defined({ events: page.map((event) => wireEvent(event, includeData)), nextToken });
  }

  private describeStateMachineOperation(input: Record<string, unknown>): unknown {
    const machine = this.machine(requiredString(input, 'stateMachineArn'));
    return {
      stateMachineArn: machine.arn,
      name: machine.id,
      status: 'ACTIVE',
      definition: machine.text,
      roleArn: roleArn(machine.id),
      type: 'STANDARD',
      creationDate: epochSeconds(machine.createdAt),
    };
  }

  private listStateMachinesOperation(input: Record<string, unknown>): unknown {
    const { page, nextToken } = paginate([...this.machines.values()], input);
    return defined({
      stateMachines: page.map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.id,
        type: 'STANDARD',
        creationDate: epochSeconds(machine.createdAt),
      })),
      nextToken,
    });
  }

  // ---------------------------------------------------------------------------------------

  private machine(arn: string): LoadedMachine {
    if (!STATE_MACHINE_ARN.test(arn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = this.machines.get(arn);
    if (!machine)
      throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private record(arn: string): ExecutionRecord {
    if (!EXECUTION_ARN.test(arn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const record = this.records.get(arn);
    if (!record) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  private snapshot(record: ExecutionRecord): LocalExecution {
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.machine.arn,
      stateMachineId: record.machine.id,
      name: record.name,
      status: record.status,
      input: record.input,
      ...(record.output !== undefined ? { output: JSON.parse(record.output) } : {}),
      ...defined({ error: record.error, cause: record.cause, stopDate: record.stopDate }),
      startDate: record.startDate,
      history: [...record.history.events],
      statesEntered: record.history.statesEntered(),
    };
  }
}

interface WaitTaskInput {
  input: unknown;
  seconds?: unknown;
  timestamp?: unknown;
}

function taskEventNames(binding: Exclude<TaskBinding, { kind: 'wait' }>) {
  const prefix = binding.kind === 'lambda' ? 'LambdaFunction' : 'Task';
  return {
    scheduled: `${prefix}Scheduled`,
    started: `${prefix}Started`,
    succeeded: `${prefix}Succeeded`,
    failed: `${prefix}Failed`,
    timedOut: `${prefix}TimedOut`,
    /** The `resourceType`/`resource` pair `Task…` events carry. */
    resource: binding.kind === 'lambda' ? {} : { resourceType: 'lambda', resource: 'invoke' },
  };
}

function closed(record: ExecutionRecord): boolean {
  return record.settled || record.finished || record.status !== 'RUNNING';
}

function notRunning(record: ExecutionRecord): TerminalError {
  return new TerminalError('States.Runtime', `Execution ${record.executionArn} is no longer running`);
}

function roleArn(id: string): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${id}-state-machine`;
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || !value) {
    throw new AwsServiceError('ValidationException', `1 validation error detected: '${field}' is required`);
  }
  return value;
}

/** `maxResults` (1–1000, 0 or absent = 100) and an opaque `nextToken`, as Step Functions pages. */
function paginate<T>(items: T[], input: Record<string, unknown>): { page: T[]; nextToken?: string } {
  const maxResults = (input.maxResults as number | undefined) || 100;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
    throw new AwsServiceError('ValidationException', 'maxResults must be between 0 and 1000');
  }
  let offset = 0;
  if (typeof input.nextToken === 'string') {
    try {
      offset = (JSON.parse(Buffer.from(input.nextToken, 'base64url').toString('utf8')) as { offset: number })
        .offset;
    } catch {
      offset = Number.NaN;
    }
    if (!Number.isInteger(offset) || offset < 0) throw new AwsServiceError('InvalidToken', 'Invalid Token');
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return {
    page,
    nextToken:
      next < items.length ? Buffer.from(JSON.stringify({ offset: next })).toString('base64url') : undefined,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
