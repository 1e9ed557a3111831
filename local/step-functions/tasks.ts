import { randomUUID } from 'node:crypto';
import { LOCAL_REGION, type TaskBinding } from './definition';
import { lambdaFailureOf, TaskFailedError, TerminalError } from './errors';
import { closed, type ExecutionRecord, notRunning, type TaskAttempt } from './execution-record';
import { type InvokeTaskOptions, invokeTask, LambdaTimedOut } from './task-invoker';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The input of a Wait state rewritten into a local task (see `prepareDefinition`). */
interface WaitTaskInput {
  input: unknown;
  seconds?: unknown;
  timestamp?: unknown;
}

export interface TaskRunnerOptions extends InvokeTaskOptions {
  /** Multiplies Wait states' durations. */
  waitScale: number;
  /** Told when a Wait state will end (epoch ms), so a durable store can re-arm it after a restart. */
  waiting?: (record: ExecutionRecord, stateName: string, until: number) => void;
}

/**
 * Serves the interpreter's Task states for one execution at a time: calls the bound handler,
 * records the task's history events, shapes `lambda:invoke` results as the SDK does, and
 * turns failures into the errors Retry and Catch match. Rewritten Wait states wait here.
 */
export class TaskRunner {
  constructor(private readonly options: TaskRunnerOptions) {}

  async run(
    record: ExecutionRecord,
    stateName: string,
    binding: TaskBinding,
    input: unknown,
  ): Promise<unknown> {
    if (closed(record)) throw notRunning(record);
    const resume = record.resume?.stateName === stateName ? record.resume : undefined;
    if (resume) record.resume = undefined;
    if (binding.kind === 'wait') return this.wait(record, stateName, input as WaitTaskInput, resume?.until);
    // The interpreter announced the state a moment ago; let the history record that first.
    await new Promise((resolve) => setImmediate(resolve));
    if (closed(record)) throw notRunning(record);

    const invokeStyle = binding.kind === 'lambda:invoke';
    const event = invokeStyle ? ((input as { Payload?: unknown } | null)?.Payload ?? {}) : input;
    const names = taskEventNames(binding);
    if (resume?.failure) {
      // The attempt that was running when the runtime died: it fails now, into Retry and Catch.
      const { error, cause, recorded } = resume.failure;
      if (!recorded) record.history.add(names.failed, { ...names.resource, error, cause });
      throw new TaskFailedError({ error, cause });
    }
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
      const result = await this.call(record, stateName, binding.placeholder, event);
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

  private call(record: ExecutionRecord, stateName: string, placeholder: string, event: unknown) {
    const handler = record.machine.handlers.get(placeholder)!;
    const info = {
      stateMachineId: record.machine.id,
      executionArn: record.executionArn,
      stateName,
      placeholder,
    };
    return invokeTask(handler, event, info, {
      timeoutMs: this.options.timeoutMs,
      invoke: this.options.invoke,
    });
  }

  private async wait(
    record: ExecutionRecord,
    stateName: string,
    input: WaitTaskInput,
    resumedUntil: number | undefined,
  ): Promise<unknown> {
    if (resumedUntil !== undefined) {
      await sleep(resumedUntil - Date.now(), record.controller.signal);
      if (closed(record)) throw notRunning(record);
      return input.input;
    }
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
    const scaled = ms * this.options.waitScale;
    this.options.waiting?.(record, stateName, Date.now() + scaled);
    await sleep(scaled, record.controller.signal);
    if (closed(record)) throw notRunning(record);
    return input.input;
  }
}

/** The history event types (and `Task…` resource fields) of a task's attempts, by how it calls Lambda. */
export function taskEventNames(binding: Exclude<TaskBinding, { kind: 'wait' }>) {
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

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
