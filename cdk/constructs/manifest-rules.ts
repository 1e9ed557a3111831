import { Duration } from 'aws-cdk-lib';
import type { EventPattern } from 'aws-cdk-lib/aws-events';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type {
  HandlerRef,
  EventPattern as ManifestEventPattern,
  ResourceUse,
  ScheduleDefinition,
  StateMachineDefinition,
  TableAccess,
  TableId,
} from '../../shared/manifests/types';
import { pascalCase } from './tables';

/** Pure translations of manifest entries into CDK's terms, checked as they are made. */
const EVENT_PATTERN_FIELDS: Record<string, keyof EventPattern> = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
};

/** A manifest pattern (EventBridge's own JSON) as CDK's EventPattern, which renders it back verbatim. */
export function toEventPattern(pattern: ManifestEventPattern, who = 'An event rule'): EventPattern {
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(pattern)) {
    const cdkField = EVENT_PATTERN_FIELDS[field];
    if (!cdkField) throw new Error(`${who}: "${field}" is not an EventBridge event field`);
    result[cdkField] = value;
  }
  return result as EventPattern;
}

/** EventBridge Scheduler rates are whole minutes, hours or days. */
export function rateOf(schedule: ScheduleDefinition): ScheduleExpression {
  const seconds = schedule.everySeconds;
  if (!Number.isInteger(seconds) || seconds < 60 || seconds % 60 !== 0) {
    throw new Error(
      `Schedule ${schedule.id} runs every ${seconds} s; EventBridge Scheduler takes whole minutes ` +
        `(shorten it locally through ${schedule.envOverride} instead)`,
    );
  }
  return ScheduleExpression.rate(Duration.minutes(seconds / 60));
}

/**
 * A state machine's placeholders and its ASL must agree exactly: every `${Name}` in the ASL
 * bound to a handler, every handler used. Returns the task handlers by placeholder.
 */
export function checkedTaskHandlers(
  definition: StateMachineDefinition,
  asl: string,
): Record<string, HandlerRef> {
  const placeholders = Object.fromEntries(
    Object.entries(definition.taskHandlers).map(([key, handler]) => [key.replace(/^\$\{|\}$/g, ''), handler]),
  );
  const inAsl = new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!));
  const unbound = [...inAsl].filter((placeholder) => !(placeholder in placeholders));
  const unused = Object.keys(placeholders).filter((placeholder) => !inAsl.has(placeholder));
  if (unbound.length > 0 || unused.length > 0) {
    throw new Error(
      `State machine ${definition.id}: ${definition.definitionFile} and taskHandlers disagree` +
        (unbound.length ? `; no handler for ${unbound.join(', ')}` : '') +
        (unused.length ? `; not in the ASL: ${unused.join(', ')}` : ''),
    );
  }
  return placeholders;
}

/** `ReserveInventoryFunctionArn` → `ReserveInventory`: construct ids from placeholders. */
export function stepName(placeholder: string): string {
  return pascalCase(placeholder.replace(/(Function)?Arn$/, '')) || pascalCase(placeholder);
}

/**
 * The longest `TimeoutSeconds` of the Task states that call `placeholder` (as `Resource` or
 * in `Parameters`, e.g. `FunctionName` of `lambda:invoke`), nested states included; undefined
 * when none sets one. The step's Lambda gets that long, so the state's own timeout decides.
 */
export function taskTimeoutSeconds(asl: string, placeholder: string): number | undefined {
  const reference = `\${${placeholder}}`;
  let longest: number | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const state = node as {
      Type?: unknown;
      Resource?: unknown;
      Parameters?: unknown;
      TimeoutSeconds?: unknown;
    };
    const callsStep =
      state.Type === 'Task' && JSON.stringify([state.Resource, state.Parameters ?? null]).includes(reference);
    if (callsStep && typeof state.TimeoutSeconds === 'number') {
      longest = Math.max(longest ?? 0, state.TimeoutSeconds);
    }
    Object.values(node).forEach(visit);
  };
  visit(JSON.parse(asl));
  return longest === undefined ? undefined : Math.min(longest, 900);
}

/** What one function serving several steps needs: the union of their uses, writes winning over reads. */
export function mergeUses(uses: readonly ResourceUse[]): ResourceUse {
  const merged: ResourceUse = {};
  for (const use of uses) {
    for (const [id, access] of Object.entries(use.tables ?? {}) as [TableId, TableAccess][]) {
      merged.tables ??= {};
      merged.tables[id] = merged.tables[id] === 'readWrite' ? 'readWrite' : access;
    }
    if (use.publishesEvents) merged.publishesEvents = true;
    if (use.stateMachines)
      merged.stateMachines = [...new Set([...(merged.stateMachines ?? []), ...use.stateMachines])];
    if (use.bucket) merged.bucket = use.bucket;
    if (use.secrets) merged.secrets = [...new Set([...(merged.secrets ?? []), ...use.secrets])];
    if (use.search) merged.search = true;
    if (use.email) merged.email = true;
  }
  return merged;
}
