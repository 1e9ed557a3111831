import { TerminalError } from './errors';
import type { History } from './history';
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
}

export type ExecutionRecord = ExecutionState & ExecutionRuntime;

/** No longer running: whatever a late task or timer does must not touch it. */
export function closed(record: ExecutionRecord): boolean {
  return record.settled || record.finished || record.status !== 'RUNNING';
}

export function notRunning(record: ExecutionRecord): TerminalError {
  return new TerminalError('States.Runtime', `Execution ${record.executionArn} is no longer running`);
}
