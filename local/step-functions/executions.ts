import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws-endpoint';
import { defined } from './defined';
import { executionArn as executionArnOf } from './definition';
import type { ExecutionRecord, PersistedExecution } from './execution-record';
import type { ExecutionStore } from './execution-store';
import { History } from './history';
import { recordInterpreterEvent } from './interpreter-events';
import {
  type Interpreter,
  type RunInput,
  type RunOptions,
  resumedInterpreter,
  roleArn,
  type StateMachines,
} from './machines';
import { planResume } from './resume';
import { sleep, type TaskRunner } from './tasks';
import type { ExecutionStatus, Log } from './types';

interface Outcome {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string;
  cause?: string;
}

const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;
/** Step Functions refuses whitespace, brackets, wildcards, these specials and control characters. */
const INVALID_NAME_CHARS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;

/**
 * The executions' lifecycle: starts them (with StartExecution's validation and idempotency),
 * runs each on its machine's interpreter with `TaskRunner` serving its tasks, records the
 * history, closes them with their outcome, and stops them. What it keeps lives in the store.
 */
export class Executions {
  private stopped = false;

  constructor(
    private readonly store: ExecutionStore,
    private readonly machines: StateMachines,
    private readonly tasks: TaskRunner,
    private readonly log?: Log,
  ) {}

  /** Starts an execution as StartExecution does: a running one with the same name and input is returned. */
  start(
    machineArn: string,
    inputText: string | undefined,
    requestedName: string | undefined,
  ): ExecutionRecord {
    const machine = this.machines.get(machineArn);
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
    const existing = this.store.get(arn);
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
    this.store.add(record);
    this.launch(record);
    return record;
  }

  /** The execution at `arn`, or the error Step Functions answers for a bad or unknown ARN. */
  get(arn: string): ExecutionRecord {
    if (!EXECUTION_ARN.test(arn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    const record = this.store.get(arn);
    if (!record) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  /** The execution at `arn` if it is kept (no ARN check: the in-process API). */
  find(arn: string): ExecutionRecord | undefined {
    return this.store.get(arn);
  }

  /** Every execution kept, in the order they started. */
  list(): ExecutionRecord[] {
    return this.store.list();
  }

  /** Stops a running execution as StopExecution does; a closed one is left as it is. */
  stop(executionArn: string, error?: string, cause?: string): { stopDate: Date } {
    const record = this.get(executionArn);
    if (record.status !== 'RUNNING' || record.settled) return { stopDate: record.stopDate ?? new Date() };
    record.status = 'ABORTED';
    record.stopDate = new Date();
    record.error = error;
    record.cause = cause;
    this.store.stopped(record);
    record.controller.abort();
    record.abortInterpreter?.();
    return { stopDate: record.stopDate };
  }

  /** Resolves when no execution is running (including ones started while waiting). */
  async idle(): Promise<void> {
    for (;;) {
      const open = this.store.list().filter((record) => !record.finished);
      if (open.length === 0) return;
      await Promise.all(open.map((record) => record.done));
    }
  }

  /**
   * Aborts every running execution and refuses new ones (shutdown). With `keepRunning` (a
   * durable store), running executions are left as they are on disk, to resume at the next start.
   */
  async shutdown(keepRunning = false): Promise<void> {
    this.stopped = true;
    for (const record of this.store.list()) {
      if (keepRunning) {
        record.detached = true;
        record.history.onAdd = undefined;
        record.controller.abort();
        record.abortInterpreter?.();
      } else this.stop(record.executionArn, 'LocalRuntimeStopped', 'The local runtime stopped');
    }
    // Detached executions record nothing more, so there is nothing to wait for (a retry's backoff may be long).
    if (!keepRunning) await this.idle();
  }

  /**
   * Restores what the store kept from an earlier process: closed executions (their names stay
   * taken) and running ones, which carry on from the state they were in (see `planResume`).
   */
  resume(): void {
    for (const kept of this.store.restored()) {
      const machine = this.machines.list().find((candidate) => candidate.id === kept.stateMachineId);
      if (!machine) {
        this.log?.('Execution of an unknown state machine not restored', { executionArn: kept.executionArn });
        continue;
      }
      const record = restoredRecord(kept, machine);
      this.store.add(record);
      if (kept.status !== 'RUNNING') continue;
      const plan = planResume(machine, kept, record.input);
      if (plan.kind === 'succeeded') {
        record.settled = true;
        record.done = Promise.resolve().then(() =>
          this.finish(record, { status: 'SUCCEEDED', output: JSON.stringify(plan.output ?? null) }),
        );
        continue;
      }
      this.log?.('Execution resumed', { executionArn: record.executionArn, state: plan.startAt });
      record.resume = plan.directive;
      if (plan.reentered) record.skipEntryOf = plan.startAt;
      const launch = () => {
        const elapsedSeconds = (Date.now() - record.startDate.getTime()) / 1000;
        this.launch(record, {
          interpreter: resumedInterpreter(machine, plan.startAt, plan.retriesSpent, elapsedSeconds),
          input: plan.input,
        });
        return record.done;
      };
      const retryAt =
        machine.prepared.bindings.get(plan.startAt)?.kind === 'wait' ? undefined : plan.directive?.until;
      if (retryAt === undefined) {
        launch();
        continue;
      }
      // A retry was waiting out its backoff: it waits what it had left, then the task runs again.
      record.resume = undefined;
      record.done = sleep(retryAt - Date.now(), record.controller.signal).then(() => {
        if (record.status === 'RUNNING' && !record.detached) return launch();
        record.settled = true;
        this.finish(record, { status: 'ABORTED' });
      });
    }
  }

  private launch(record: ExecutionRecord, resumed?: { interpreter: Interpreter; input: unknown }): void {
    const { machine } = record;
    if (!resumed) {
      record.history.add('ExecutionStarted', {
        input: record.inputText,
        inputDetails: { truncated: false },
        roleArn: roleArn(machine.id),
      });
    }
    const taskResourceLocalHandlers = Object.fromEntries(
      [...machine.prepared.bindings].map(([stateName, binding]) => [
        stateName,
        (input: unknown) => this.tasks.run(record, stateName, binding, input) as Promise<never>,
      ]),
    );
    const options: RunOptions = {
      overrides: { taskResourceLocalHandlers },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: roleArn(machine.id) },
        StateMachine: { Id: machine.arn, Name: machine.id },
      },
    };
    const interpreter = resumed?.interpreter ?? machine.interpreter;
    const run = interpreter.run((resumed ? resumed.input : record.input) as RunInput, options);
    record.abortInterpreter = run.abort;
    const drained = (async () => {
      for await (const event of run.eventLogs) recordInterpreterEvent(record, event);
    })().catch((error) => this.log?.('History recording failed', { error: String(error) }));
    const settled = run.result
      .then(
        (output): Outcome => ({ status: 'SUCCEEDED', output: JSON.stringify(output ?? null) }),
        (error): Outcome => failureOutcome(record, error),
      )
      .then((outcome) => {
        record.settled = true;
        return outcome;
      });
    record.done = Promise.all([settled, drained]).then(([outcome]) => this.finish(record, outcome));
  }

  private finish(record: ExecutionRecord, outcome: Outcome): void {
    if (record.detached) {
      // Shut down with a durable store: the execution stays running on disk, to resume.
      record.finished = true;
      return;
    }
    if (record.status === 'ABORTED') {
      record.history.add('ExecutionAborted', defined({ error: record.error, cause: record.cause }));
    } else {
      Object.assign(record, { status: outcome.status, stopDate: new Date() });
      record.output = outcome.output;
      record.error = outcome.error;
      record.cause = outcome.cause;
      record.history.add(CLOSING_EVENT_TYPES[outcome.status], closingEventDetails(outcome));
      if (outcome.status !== 'SUCCEEDED') {
        this.log?.('Execution did not succeed', {
          executionArn: record.executionArn,
          status: outcome.status,
          error: outcome.error,
          cause: outcome.cause,
        });
      }
    }
    record.finished = true;
    record.controller.abort();
    this.store.closed(record);
  }
}

function restoredRecord(kept: PersistedExecution, machine: ExecutionRecord['machine']): ExecutionRecord {
  const closedAlready = kept.status !== 'RUNNING';
  return {
    machine,
    executionArn: kept.executionArn,
    name: kept.name,
    inputText: kept.inputText,
    input: JSON.parse(kept.inputText),
    status: kept.status,
    output: kept.output,
    error: kept.error,
    cause: kept.cause,
    startDate: kept.startDate,
    stopDate: kept.stopDate,
    history: new History(kept.events),
    controller: new AbortController(),
    settled: closedAlready,
    finished: closedAlready,
    done: Promise.resolve(),
    inFlight: [],
  };
}

function failureOutcome(record: ExecutionRecord, error: unknown): Outcome {
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

const CLOSING_EVENT_TYPES: Record<Outcome['status'], string> = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
};

function closingEventDetails(outcome: Outcome): Record<string, unknown> {
  if (outcome.status === 'SUCCEEDED') return { output: outcome.output, outputDetails: { truncated: false } };
  return defined({ error: outcome.error, cause: outcome.cause });
}
