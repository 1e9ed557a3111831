import type { ExecutionRecord, PersistedExecution } from './execution-record';

/**
 * Where executions are kept, running and closed. Everything else reads and adds executions
 * only through this interface, so a store that keeps them on disk (and resumes the running
 * ones after a restart) replaces the in-memory one without touching the lifecycle or the API.
 */
export interface ExecutionStore {
  get(executionArn: string): ExecutionRecord | undefined;
  /** Keeps an execution that has just started (or was restored from `restored()`). */
  add(record: ExecutionRecord): void;
  /** Every execution kept, in the order they started. */
  list(): ExecutionRecord[];
  /** The execution has closed and its history complete; the store may forget the oldest closed ones. */
  closed(record: ExecutionRecord): void;
  /** StopExecution was called: the execution must never resume, even if the process dies before it closes. */
  stopped(record: ExecutionRecord): void;
  /** A Wait state (or a pending retry) is due at `until` (epoch ms), so a restart re-arms what is left. */
  waiting(record: ExecutionRecord, stateName: string, until: number): void;
  /** What an earlier process kept, running or closed, to restore once at start. */
  restored(): PersistedExecution[];
}

/** Executions in memory; past `retain`, the oldest closed ones are forgotten (their names free again). */
export class InMemoryExecutionStore implements ExecutionStore {
  protected readonly records = new Map<string, ExecutionRecord>();

  constructor(protected readonly retain: number) {}

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  add(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
  }

  list(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  closed(_record: ExecutionRecord): void {
    for (const [arn, candidate] of this.records) {
      if (this.records.size <= this.retain) break;
      if (candidate.finished) this.forget(arn);
    }
  }

  stopped(_record: ExecutionRecord): void {}

  waiting(_record: ExecutionRecord, _stateName: string, _until: number): void {}

  restored(): PersistedExecution[] {
    return [];
  }

  protected forget(arn: string): void {
    this.records.delete(arn);
  }
}
