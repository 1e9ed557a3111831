import type { ExecutionRecord } from './execution-record';
import type { EventLog } from './machines';
import { taskEventNames } from './tasks';

/** Turns one of the interpreter's event logs into Step Functions history events. */
export function recordInterpreterEvent(record: ExecutionRecord, event: EventLog): void {
  if (record.finished) return;
  const { prepared } = record.machine;
  switch (event.type) {
    case 'StateEntered': {
      if (record.skipEntryOf === event.state.name) {
        record.skipEntryOf = undefined;
        return;
      }
      const type = prepared.stateTypes.get(event.state.name) ?? event.state.type;
      record.failState = undefined;
      record.history.add(`${type}StateEntered`, {
        name: event.state.name,
        input: JSON.stringify(event.state.input ?? null),
        inputDetails: { truncated: false },
      });
      return;
    }
    case 'StateExited': {
      const type = prepared.stateTypes.get(event.state.name) ?? event.state.type;
      record.history.add(`${type}StateExited`, {
        name: event.state.name,
        output: JSON.stringify(event.state.output ?? null),
        outputDetails: { truncated: false },
      });
      return;
    }
    case 'StateFailed':
      recordStateFailed(record, event);
      return;
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      record.history.add(event.type, { name: event.parentState.name, index: event.index });
      return;
    default:
      return;
  }
}

/** Remembers a Fail state (for the execution's error), and records a task's `States.Timeout`. */
function recordStateFailed(record: ExecutionRecord, event: Extract<EventLog, { type: 'StateFailed' }>): void {
  const { prepared } = record.machine;
  const type = prepared.stateTypes.get(event.state.name);
  if (type === 'Fail') record.failState = event.state.name;
  const binding = prepared.bindings.get(event.state.name);
  if (event.Error === 'States.Timeout' && binding && binding.kind !== 'wait') {
    const attempt = record.inFlight.find(
      (candidate) => candidate.stateName === event.state.name && !candidate.timedOut,
    );
    if (attempt) attempt.timedOut = true;
    const names = taskEventNames(binding);
    record.history.add(names.timedOut, {
      ...names.resource,
      error: 'States.Timeout',
      cause: typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause ?? null),
    });
  }
}
