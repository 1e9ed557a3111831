import type { AslDefinition, AslState } from './definition';
import type { PersistedExecution, ResumeDirective } from './execution-record';
import type { HistoryEvent } from './history';
import type { LoadedMachine } from './machines';

/**
 * What AWS reports for a Lambda whose runtime died mid-invocation (out of memory, killed): an
 * unhandled error, `Lambda.Unknown`, which `States.ALL` and `States.TaskFailed` also match. A
 * task in flight when the local runtime died is failed with it, so its Retry and Catch decide.
 */
export const RUNTIME_DIED = {
  error: 'Lambda.Unknown',
  cause:
    'The cause could not be determined because Lambda did not return an error type. ' +
    'The local runtime stopped while the task was running.',
};

/** Where and how a restored execution carries on. */
export type ResumePlan =
  | { kind: 'succeeded'; output: unknown }
  | {
      kind: 'run';
      startAt: string;
      input: unknown;
      /** The state was entered before the restart: its entry is not recorded again. */
      reentered: boolean;
      /** Per retrier of `startAt`, the retries already spent before the restart. */
      retriesSpent: number[];
      directive?: ResumeDirective;
    };

type Retrier = {
  ErrorEquals: string[];
  MaxAttempts?: number;
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
};

const TASK_EVENT = /^(LambdaFunction|Task)(Scheduled|Started|Succeeded|Failed|TimedOut)$/;

/**
 * Reads an execution's history for the top-level state it was in and what its task was doing,
 * and plans how to carry on from there as Step Functions would have: an attempt in flight fails
 * with `Lambda.Unknown`; a retry that was waiting waits what it had left; a Wait state waits
 * until its end; a state that had exited goes on to its `Next`.
 */
export function planResume(
  machine: LoadedMachine,
  execution: PersistedExecution,
  input: unknown,
): ResumePlan {
  const { runtime, bindings } = machine.prepared;
  const events = execution.events;
  let position = -1;
  for (let index = events.length - 1; index >= 0; index--) {
    const name = stateNameOf(events[index]!);
    if (name !== undefined && name in runtime.States) {
      position = index;
      break;
    }
  }
  if (position < 0)
    return { kind: 'run', startAt: runtime.StartAt, input, reentered: false, retriesSpent: [] };
  const event = events[position]!;
  const name = stateNameOf(event)!;
  const state = runtime.States[name]!;
  if (event.type.endsWith('StateExited') && state.Type !== 'Choice') {
    const output = parse((event.stateExitedEventDetails as { output: string }).output);
    if (typeof state.Next === 'string') {
      return { kind: 'run', startAt: state.Next, input: output, reentered: false, retriesSpent: [] };
    }
    return { kind: 'succeeded', output };
  }
  const entry = event.type.endsWith('StateEntered') ? event : lastEntryOf(events, name, position)!;
  const stateInput = parse((entry.stateEnteredEventDetails as { input: string }).input);
  const plan = { kind: 'run' as const, startAt: name, input: stateInput, reentered: true };
  const binding = bindings.get(name);
  if (binding?.kind === 'wait') {
    const until = execution.waits[name];
    return {
      ...plan,
      retriesSpent: [],
      directive: until === undefined ? undefined : { stateName: name, until },
    };
  }
  if (!binding || state.Type !== 'Task') return { ...plan, retriesSpent: [] };
  return { ...plan, ...resumeTask(name, state, events.slice(events.indexOf(entry) + 1)) };
}

function resumeTask(
  stateName: string,
  state: AslState,
  since: HistoryEvent[],
): { retriesSpent: number[]; directive?: ResumeDirective } {
  const retriers = (state.Retry as Retrier[] | undefined) ?? [];
  const taskEvents = since.filter((event) => TASK_EVENT.test(event.type));
  const failures = taskEvents.filter((event) => /(Failed|TimedOut)$/.test(event.type)).map(errorOf);
  const last = taskEvents.at(-1);
  if (last && /(Scheduled|Started)$/.test(last.type)) {
    return {
      retriesSpent: spent(retriers, failures),
      directive: { stateName, failure: { ...RUNTIME_DIED, recorded: false } },
    };
  }
  if (last && /(Failed|TimedOut)$/.test(last.type)) {
    const before = spent(retriers, failures.slice(0, -1));
    const failure = errorOf(last);
    const retrier = matchingRetrier(retriers, failure.error, before);
    if (retrier < 0) {
      // It was on its way to a Catch (or to failing the execution): let the interpreter take it there.
      return { retriesSpent: before, directive: { stateName, failure: { ...failure, recorded: true } } };
    }
    const { IntervalSeconds = 1, BackoffRate = 2, MaxDelaySeconds } = retriers[retrier]!;
    let delaySeconds = IntervalSeconds * BackoffRate ** before[retrier]!;
    if (MaxDelaySeconds !== undefined) delaySeconds = Math.min(delaySeconds, MaxDelaySeconds);
    before[retrier]!++;
    return {
      retriesSpent: before,
      directive: { stateName, until: last.timestamp.getTime() + delaySeconds * 1000 },
    };
  }
  return { retriesSpent: spent(retriers, failures) };
}

/** The retries each retrier granted for these failures, as the interpreter counts them. */
function spent(retriers: Retrier[], failures: Array<{ error: string }>): number[] {
  const attempts = retriers.map(() => 0);
  for (const { error } of failures) {
    const index = matchingRetrier(retriers, error, attempts);
    if (index >= 0) attempts[index]!++;
  }
  return attempts;
}

/** The retrier that retries `error` now, or -1 (the first matching retrier decides, as in ASL). */
function matchingRetrier(retriers: Retrier[], error: string, attempts: number[]): number {
  for (let index = 0; index < retriers.length; index++) {
    const retrier = retriers[index]!;
    const matches = retrier.ErrorEquals.some(
      (name) =>
        name === error ||
        name === 'States.ALL' ||
        (name === 'States.TaskFailed' && error !== 'States.Timeout'),
    );
    if (matches) return attempts[index]! < (retrier.MaxAttempts ?? 3) ? index : -1;
  }
  return -1;
}

/**
 * A copy of the definition that starts at the state being resumed, its retriers left with
 * the attempts (and the backoff) they had, and the execution's timeout with the time it had.
 */
export function resumedDefinition(
  runtime: AslDefinition,
  startAt: string,
  retriesSpent: number[],
  elapsedSeconds: number,
): AslDefinition {
  const copy = structuredClone(runtime);
  copy.StartAt = startAt;
  const state = copy.States[startAt]!;
  if (Array.isArray(state.Retry)) {
    state.Retry = (state.Retry as Retrier[]).map((retrier, index) => {
      const used = retriesSpent[index] ?? 0;
      return {
        ...retrier,
        MaxAttempts: Math.max(0, (retrier.MaxAttempts ?? 3) - used),
        IntervalSeconds: (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** used,
      };
    });
  }
  if (typeof copy.TimeoutSeconds === 'number') {
    copy.TimeoutSeconds = Math.max(1, Math.ceil(copy.TimeoutSeconds - elapsedSeconds));
  }
  return copy;
}

function stateNameOf(event: HistoryEvent): string | undefined {
  const details = (event.stateEnteredEventDetails ?? event.stateExitedEventDetails) as
    | { name?: string }
    | undefined;
  return details?.name;
}

function lastEntryOf(events: HistoryEvent[], name: string, before: number): HistoryEvent | undefined {
  for (let index = before; index >= 0; index--) {
    const event = events[index]!;
    if (event.type.endsWith('StateEntered') && stateNameOf(event) === name) return event;
  }
  return undefined;
}

function errorOf(event: HistoryEvent): { error: string; cause: string } {
  if (event.type.endsWith('TimedOut')) return { error: 'States.Timeout', cause: '' };
  const details = (event.lambdaFunctionFailedEventDetails ?? event.taskFailedEventDetails ?? {}) as {
    error?: string;
    cause?: string;
  };
  return { error: details.error ?? 'States.TaskFailed', cause: details.cause ?? '' };
}

function parse(text: string | undefined): unknown {
  return text === undefined ? null : JSON.parse(text);
}
