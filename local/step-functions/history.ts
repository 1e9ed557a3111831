/**
 * Execution history in GetExecutionHistory's shape (simplified: `previousEventId` is the
 * event before, not the causal one). Events, in the order they happen:
 * `ExecutionStarted`; per state `<Type>StateEntered` / `<Type>StateExited` (a Fail state has no
 * exit); per task attempt `LambdaFunctionScheduled`, `LambdaFunctionStarted`, then
 * `LambdaFunctionSucceeded` | `LambdaFunctionFailed` | `LambdaFunctionTimedOut` (or the
 * `Task…` equivalents for `arn:aws:states:::lambda:invoke`); `MapIteration…` for Map items;
 * and one of `ExecutionSucceeded` | `ExecutionFailed` | `ExecutionAborted` | `ExecutionTimedOut`.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  /** The one `<camelCaseType>EventDetails` member the type carries, if any. */
  [details: string]: unknown;
}

/** `TaskStateEntered` → `taskStateEnteredEventDetails`, with AWS's few shared detail names. */
export function detailsKey(type: string): string {
  if (/StateEntered$/.test(type)) return 'stateEnteredEventDetails';
  if (/StateExited$/.test(type)) return 'stateExitedEventDetails';
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
}

export class History {
  readonly events: HistoryEvent[];
  /** Told of every event added (a durable store writes it down before the execution goes on). */
  onAdd?: (event: HistoryEvent) => void;

  /** `events`: the history an execution had before a restart, which it continues. */
  constructor(events: HistoryEvent[] = []) {
    this.events = events;
  }

  add(type: string, details?: Record<string, unknown>): void {
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId: id - 1, timestamp: new Date(), type };
    if (details) event[detailsKey(type)] = details;
    this.events.push(event);
    this.onAdd?.(event);
  }

  /** The names of the states entered, in order (what tests assert a path with). */
  statesEntered(): string[] {
    return this.events
      .filter((event) => event.type.endsWith('StateEntered'))
      .map((event) => (event.stateEnteredEventDetails as { name: string }).name);
  }
}

/** A history event as the JSON protocol carries it (dates as epoch seconds). */
export function wireEvent(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') out.timestamp = event.timestamp.getTime() / 1000;
    else if (!includeExecutionData && key.endsWith('EventDetails') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value).filter(([name]) => !['input', 'output', 'parameters'].includes(name)),
      );
    } else out[key] = value;
  }
  return out;
}

/**
 * The state transitions a Standard workflow bills for this history: one per state entered,
 * plus one per retry of a task (each attempt after a task state's first is a step executed
 * again). Every Task state here invokes a Lambda, so attempts are its `…Scheduled` events.
 */
export function billedTransitions(events: readonly Pick<HistoryEvent, 'type'>[]): number {
  let entered = 0;
  let tasksEntered = 0;
  let attempts = 0;
  for (const { type } of events) {
    if (type.endsWith('StateEntered')) entered++;
    if (type === 'TaskStateEntered') tasksEntered++;
    if (type === 'LambdaFunctionScheduled' || type === 'TaskScheduled') attempts++;
  }
  return entered + Math.max(0, attempts - tasksEntered);
}
