import '../polyfills';
import { join } from 'node:path';
import type { AwsEndpoint } from '../aws-endpoint';
import { REPO_ROOT } from '../lambda';
import { serveStepFunctionsApi } from './api';
import { defined } from './defined';
import { stateMachineArn } from './definition';
import type { ExecutionRecord } from './execution-record';
import { type ExecutionStore, InMemoryExecutionStore } from './execution-store';
import { Executions } from './executions';
import { FileExecutionStore } from './file-execution-store';
import { billedTransitions } from './history';
import { StateMachines } from './machines';
import { TaskRunner } from './tasks';
import type { ExecutionStatus, LocalExecution, LocalStepFunctionsOptions } from './types';

export {
  aslPlaceholders,
  buildDefinition,
  definitionSubstitutions,
  executionArn,
  placeholderName,
  stateMachineArn,
  substituteDefinition,
  taskFunctionArn,
} from './definition';
export { lambdaFailureOf } from './errors';
export type { ExecutionStore } from './execution-store';
export type { HistoryEvent } from './history';
export type {
  ExecutionStatus,
  LocalExecution,
  LocalStateMachine,
  LocalStepFunctionsOptions,
  TaskFunction,
  TaskInfo,
  TaskInvoker,
} from './types';

const WAIT_SCALE_ENV = 'BAZAAR_SFN_WAIT_SCALE';
const DEFAULT_LAMBDA_TIMEOUT_MS = 30_000;
const DEFAULT_RETAINED_EXECUTIONS = 10_000;

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
 *
 * The parts: `StateMachines` (loaded definitions), `Executions` (the lifecycle) over an
 * `ExecutionStore` (where executions are kept), `TaskRunner` (tasks and waits, calling handlers
 * through `invokeTask`), and `serveStepFunctionsApi` (the JSON protocol).
 */
export class LocalStepFunctions {
  private readonly machines: StateMachines;
  private readonly runs: Executions;
  private readonly fileStore?: FileExecutionStore;

  constructor(options: LocalStepFunctionsOptions) {
    const waitScale = options.waitScale ?? Number(process.env[WAIT_SCALE_ENV] || 1);
    if (!Number.isFinite(waitScale) || waitScale < 0)
      throw new Error(`${WAIT_SCALE_ENV} must be a number >= 0`);
    this.machines = new StateMachines(options.stateMachines, {
      rootDir: options.rootDir ?? REPO_ROOT,
      waitScale,
    });
    const retain = options.retainExecutions ?? DEFAULT_RETAINED_EXECUTIONS;
    this.fileStore = options.dataDir
      ? new FileExecutionStore(join(options.dataDir, 'executions.jsonl'), retain)
      : undefined;
    const store: ExecutionStore = this.fileStore ?? new InMemoryExecutionStore(retain);
    const tasks = new TaskRunner({
      waitScale,
      timeoutMs: options.lambdaTimeoutMs ?? DEFAULT_LAMBDA_TIMEOUT_MS,
      invoke: options.invoke,
      waiting: (record, stateName, until) => store.waiting(record, stateName, until),
    });
    this.runs = new Executions(store, this.machines, tasks, options.log);
    this.runs.resume();
  }

  /** Serves the Step Functions operations on the local AWS endpoint. */
  attach(endpoint: AwsEndpoint): void {
    serveStepFunctionsApi(endpoint, this.machines, this.runs);
  }

  // In-process API (the runtime and tests).

  /** Starts an execution as StartExecution does (same idempotency and errors). */
  start(
    stateMachineId: string,
    input: unknown = {},
    name?: string,
  ): { executionArn: string; startDate: Date } {
    const started = this.runs.start(stateMachineArn(stateMachineId), JSON.stringify(input), name);
    return { executionArn: started.executionArn, startDate: started.startDate };
  }

  /** Resolves once the execution is closed and its history complete; rejects after `timeoutMs`. */
  async waitForExecution(executionArn: string, timeoutMs = 10_000): Promise<LocalExecution> {
    const record = this.runs.find(executionArn);
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
    return snapshot(record);
  }

  execution(executionArn: string): LocalExecution | undefined {
    const record = this.runs.find(executionArn);
    return record && snapshot(record);
  }

  executions(filter: { stateMachineId?: string; status?: ExecutionStatus } = {}): LocalExecution[] {
    return this.runs
      .list()
      .filter(
        (record) =>
          (!filter.stateMachineId || record.machine.id === filter.stateMachineId) &&
          (!filter.status || record.status === filter.status),
      )
      .map(snapshot);
  }

  /** Stops a running execution as StopExecution does; a closed one is left as it is. */
  stopExecution(executionArn: string, error?: string, cause?: string): { stopDate: Date } {
    return this.runs.stop(executionArn, error, cause);
  }

  /** Executions started and the state transitions they billed so far (npm run bench cost). */
  usage(): { executions: number; transitions: number } {
    const records = this.runs.list();
    return {
      executions: records.length,
      transitions: records.reduce((sum, record) => sum + billedTransitions(record.history.events), 0),
    };
  }

  /** Resolves when no execution is running (including ones started while waiting). */
  idle(): Promise<void> {
    return this.runs.idle();
  }

  /**
   * Refuses new executions and ends this process's part (shutdown): in memory, running
   * executions are aborted; with a data dir they stay running on disk and resume at the next start.
   */
  async stop(): Promise<void> {
    await this.runs.shutdown(this.fileStore !== undefined);
    this.fileStore?.close();
  }
}

function snapshot(record: ExecutionRecord): LocalExecution {
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
