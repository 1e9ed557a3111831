import { JsonLinesLog } from '../json-lines-log';
import type { ExecutionRecord, PersistedExecution } from './execution-record';
import { InMemoryExecutionStore } from './execution-store';
import type { HistoryEvent } from './history';
import type { ExecutionStatus } from './types';

/** One line of the executions log. */
type Entry =
  | { k: 'start'; arn: string; machine: string; name: string; input: string; at: string }
  | { k: 'event'; arn: string; e: HistoryEvent }
  | { k: 'wait'; arn: string; state: string; until: number }
  | { k: 'stop'; arn: string; error?: string; cause?: string; at: string }
  | {
      k: 'close';
      arn: string;
      status: ExecutionStatus;
      output?: string;
      error?: string;
      cause?: string;
      at: string;
    };

/**
 * Executions kept in a JSON-lines log (see JsonLinesLog), each step appended and synced before
 * the execution goes on, so a process killed at any instant leaves every step it took on disk.
 * At start the log is read, then compacted to the running executions and the newest `retain`
 * closed ones.
 */
export class FileExecutionStore extends InMemoryExecutionStore {
  private readonly log: JsonLinesLog<Entry>;
  private closedLog = false;
  private readonly loaded: PersistedExecution[];
  private readonly restoredArns = new Set<string>();

  constructor(file: string, retain: number) {
    super(retain);
    this.log = new JsonLinesLog<Entry>(file);
    this.loaded = readLog(this.log.read());
    const closed = this.loaded.filter((execution) => execution.status !== 'RUNNING');
    const dropped = new Set(closed.slice(0, Math.max(0, closed.length - retain)));
    this.loaded = this.loaded.filter((execution) => !dropped.has(execution));
    for (const execution of this.loaded) this.restoredArns.add(execution.executionArn);
    this.log.compact(this.loaded.flatMap(entriesOf));
  }

  override restored(): PersistedExecution[] {
    return this.loaded;
  }

  override add(record: ExecutionRecord): void {
    super.add(record);
    if (!this.restoredArns.delete(record.executionArn)) {
      this.append({
        k: 'start',
        arn: record.executionArn,
        machine: record.machine.id,
        name: record.name,
        input: record.inputText,
        at: record.startDate.toISOString(),
      });
    }
    record.history.onAdd = (event) => this.append({ k: 'event', arn: record.executionArn, e: event });
  }

  override closed(record: ExecutionRecord): void {
    this.append({
      k: 'close',
      arn: record.executionArn,
      status: record.status,
      output: record.output,
      error: record.error,
      cause: record.cause,
      at: (record.stopDate ?? new Date()).toISOString(),
    });
    record.history.onAdd = undefined;
    super.closed(record);
  }

  override stopped(record: ExecutionRecord): void {
    this.append({
      k: 'stop',
      arn: record.executionArn,
      error: record.error,
      cause: record.cause,
      at: (record.stopDate ?? new Date()).toISOString(),
    });
  }

  override waiting(record: ExecutionRecord, stateName: string, until: number): void {
    this.append({ k: 'wait', arn: record.executionArn, state: stateName, until });
  }

  /** Closes the log (the platform's stop); nothing is written after. */
  close(): void {
    this.closedLog = true;
    this.log.close();
  }

  private append(entry: Entry): void {
    if (!this.closedLog) this.log.append(entry);
  }
}

function readLog(entries: Entry[]): PersistedExecution[] {
  const executions = new Map<string, PersistedExecution>();
  for (const entry of entries) {
    if (entry.k === 'start') {
      executions.set(entry.arn, {
        executionArn: entry.arn,
        stateMachineId: entry.machine,
        name: entry.name,
        inputText: entry.input,
        status: 'RUNNING',
        startDate: new Date(entry.at),
        events: [],
        waits: {},
      });
      continue;
    }
    const execution = executions.get(entry.arn);
    if (!execution) continue;
    if (entry.k === 'event') execution.events.push({ ...entry.e, timestamp: new Date(entry.e.timestamp) });
    else if (entry.k === 'wait') execution.waits[entry.state] = entry.until;
    else if (entry.k === 'stop') stopLoaded(execution, entry);
    else if (entry.k === 'close') {
      Object.assign(execution, {
        status: entry.status,
        output: entry.output,
        error: entry.error,
        cause: entry.cause,
        stopDate: new Date(entry.at),
      });
    }
  }
  return [...executions.values()];
}

/** A stopped execution whose process died before it closed stays stopped, as on AWS. */
function stopLoaded(execution: PersistedExecution, entry: Extract<Entry, { k: 'stop' }>): void {
  if (execution.status !== 'RUNNING') return;
  Object.assign(execution, {
    status: 'ABORTED',
    error: entry.error,
    cause: entry.cause,
    stopDate: new Date(entry.at),
  });
  const id = execution.events.length + 1;
  const details = Object.fromEntries(
    Object.entries({ error: entry.error, cause: entry.cause }).filter(([, value]) => value !== undefined),
  );
  execution.events.push({
    id,
    previousEventId: id - 1,
    timestamp: new Date(entry.at),
    type: 'ExecutionAborted',
    executionAbortedEventDetails: details,
  });
}

/** The entries that write an execution down anew (the log's compaction). */
function entriesOf(execution: PersistedExecution): Entry[] {
  const arn = execution.executionArn;
  const entries: Entry[] = [
    {
      k: 'start',
      arn,
      machine: execution.stateMachineId,
      name: execution.name,
      input: execution.inputText,
      at: execution.startDate.toISOString(),
    },
  ];
  for (const event of execution.events) entries.push({ k: 'event', arn, e: event });
  for (const [state, until] of Object.entries(execution.waits))
    entries.push({ k: 'wait', arn, state, until });
  if (execution.status !== 'RUNNING') {
    entries.push({
      k: 'close',
      arn,
      status: execution.status,
      output: execution.output,
      error: execution.error,
      cause: execution.cause,
      at: (execution.stopDate ?? execution.startDate).toISOString(),
    });
  }
  return entries;
}
