import type { ExecutionRecord } from './execution-record';

/**
 * Where executions are kept, running and closed. Everything else reads and adds executions
 * only through this interface, so a store that keeps them on disk (and resumes the running
 * ones after a restart) replaces the in-memory one without touching the lifecycle or the API.
 */
export interface ExecutionStore {
  get(executionArn: string): ExecutionRecord | undefined;
  /** Keeps an execution that has just started. */
  add(record: ExecutionRecord): void;
  /** Every execution kept, in the order they started. */
  list(): ExecutionRecord[];
  /** The execution has closed and its history is complete; the store may forget the oldest closed ones. */
  closed(record: ExecutionRecord): void;
}

/** Executions in memory; past `retain`, the oldest closed ones are forgotten (their names free again). */
export class InMemoryExecutionStore implements ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();

  constructor(private readonly retain: number) {}

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
      if (candidate.finished) this.records.delete(arn);
    }
  }
}
