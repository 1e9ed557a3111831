import type { HandlerRef } from '../../shared/manifests/types';
import type { HistoryEvent } from './history';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
export const STATUSES: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

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
  /** `StateMachineDefinition`s from the manifests (functions/manifest.ts) fit as they are. */
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
  /**
   * Keeps every execution (input, history, position) in `<dataDir>/executions.jsonl`, written
   * before each step goes on, and resumes the running ones when started again on the same dir.
   */
  dataDir?: string;
  log?: Log;
}

export type Log = (message: string, fields: Record<string, unknown>) => void;

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
