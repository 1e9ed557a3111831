import { TerminalError } from './errors';
import type { History, HistoryEvent } from './history';
import type { LoadedMachine } from './machines';
import type { ExecutionStatus } from './types';

/**
 * What an execution is: what StartExecution, DescribeExecution and GetExecutionHistory show,
 * and so what a durable store keeps. `history` grows in place while the execution runs.
 */
export interface ExecutionState {
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
  /** The Fail state the execution is failing in, if any. */
  failState?: string;
}

/** A task attempt in flight, so a `States.Timeout` can be pinned on it. */
export interface TaskAttempt {
  stateName: string;
  timedOut: boolean;
}

/** What only this process has of an execution: its machine, timers, interpreter and promises. */
export interface ExecutionRuntime {
  machine: LoadedMachine;
  /** Cancels this execution's own timers (scaled waits). */
  controller: AbortController;
  abortInterpreter?: () => void;
  /** The interpreter has a result (success, failure or abort); history may still be draining. */
  settled: boolean;
  /** Closed and its history complete. */
  finished: boolean;
  done: Promise<void>;
  inFlight: TaskAttempt[];
  /** Left running on disk at shutdown: nothing more is recorded for it in this process. */
  detached?: boolean;
  /** Set while a restored execution re-enters the state it was in. */
  resume?: ResumeDirective;
  /** A resumed execution re-enters this state, whose entry history already has: not recorded twice. */
  skipEntryOf?: string;
}

export type ExecutionRecord = ExecutionState & ExecutionRuntime;

/** No longer running: whatever a late task or timer does must not touch it. */
export function closed(record: ExecutionRecord): boolean {
  return record.settled || record.finished || record.detached === true || record.status !== 'RUNNING';
}

export function notRunning(record: ExecutionRecord): TerminalError {
  return new TerminalError('States.Runtime', `Execution ${record.executionArn} is no longer running`);
}

/** What a durable store keeps of an execution: its state, plus what a restart needs to resume it. */
export interface PersistedExecution {
  executionArn: string;
  stateMachineId: string;
  name: string;
  inputText: string;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  events: HistoryEvent[];
  /** Wait states in progress: state name → when the wait ends (epoch ms). */
  waits: Record<string, number>;
}

/**
 * How a resumed execution re-enters the state it was in when the process died: a task
 * attempt that was in flight fails (`failure`) into the state's Retry and Catch, and a wait
 * or a pending retry first sleeps out the time it had left.
 */
export interface ResumeDirective {
  stateName: string;
  /** Fails the first attempt with this error instead of calling the handler. */
  failure?: { error: string; cause: string; recorded: boolean };
  /** The first attempt waits until then (epoch ms): a retry's backoff or a Wait state's end. */
  until?: number;
}
