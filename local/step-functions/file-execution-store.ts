import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
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
 * Executions kept in a JSON-lines log, each line appended and fsynced before the execution
 * goes on, so a process killed at any instant leaves every step it took on disk (a line torn
 * by the kill is skipped on reading). At start the log is read, then rewritten (to a temporary
 * file, renamed over it) with the running executions and the newest `retain` closed ones.
 */
export class FileExecutionStore extends InMemoryExecutionStore {
  private fd: number | undefined;
  private readonly loaded: PersistedExecution[];
  private readonly restoredArns = new Set<string>();

  constructor(
    file: string,
    retain: number,
  ) {
    super(retain);
    mkdirSync(dirname(file), { recursive: true });
    this.loaded = readLog(file);
    const closed = this.loaded.filter((execution) => execution.status !== 'RUNNING');
    const dropped = new Set(closed.slice(0, Math.max(0, closed.length - retain)));
    this.loaded = this.loaded.filter((execution) => !dropped.has(execution));
    for (const execution of this.loaded) this.restoredArns.add(execution.executionArn);
    rewriteLog(file, this.loaded);
    this.fd = openSync(file, 'a');
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
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(entry: Entry): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fdatasyncSync(this.fd);
  }
}

function readLog(file: string): PersistedExecution[] {
  if (!existsSync(file)) return [];
  const executions = new Map<string, PersistedExecution>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch {
      continue; // empty, or torn by a kill mid-write
    }
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

/** Writes the log anew, crash-safely: a temporary file, fsynced, renamed over the old one. */
function rewriteLog(file: string, executions: PersistedExecution[]): void {
  const lines: string[] = [];
  for (const execution of executions) {
    const arn = execution.executionArn;
    const start: Entry = {
      k: 'start',
      arn,
      machine: execution.stateMachineId,
      name: execution.name,
      input: execution.inputText,
      at: execution.startDate.toISOString(),
    };
    lines.push(JSON.stringify(start));
    for (const event of execution.events) lines.push(JSON.stringify({ k: 'event', arn, e: event }));
    for (const [state, until] of Object.entries(execution.waits)) {
      lines.push(JSON.stringify({ k: 'wait', arn, state, until }));
    }
    if (execution.status !== 'RUNNING') {
      const close: Entry = {
        k: 'close',
        arn,
        status: execution.status,
        output: execution.output,
        error: execution.error,
        cause: execution.cause,
        at: (execution.stopDate ?? execution.startDate).toISOString(),
      };
      lines.push(JSON.stringify(close));
    }
  }
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
