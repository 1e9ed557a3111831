import type { Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';

/**
 * What the manifest wiring built across every service of one platform, by manifest id, kept on
 * the top-level stack as the wiring's other books are: the monitoring reads it, so a new rule,
 * stream or state machine gets its alarms without anyone listing it a second time.
 */
export interface WiredResources {
  readonly routes: Map<string, IFunction>;
  readonly streams: Map<string, IFunction>;
  readonly schedules: Map<string, IFunction>;
  readonly stateMachines: Map<string, IStateMachine>;
  /** One per rule, stream and schedule, by its manifest id. */
  readonly deadLetterQueues: Map<string, IQueue>;
}

type Wired = { readonly [K in keyof WiredResources]: Readonly<Record<string, unknown>> };

const books = new WeakMap<Stack, WiredResources>();

/** Everything wired so far in `root` (the platform's top-level stack) and its nested stacks. */
export function wiredResourcesOf(root: Stack): WiredResources {
  let resources = books.get(root);
  if (!resources) {
    resources = {
      routes: new Map(),
      streams: new Map(),
      schedules: new Map(),
      stateMachines: new Map(),
      deadLetterQueues: new Map(),
    };
    books.set(root, resources);
  }
  return resources;
}

/** Adds one service's wiring to the platform's books. */
export function recordWired(root: Stack, wired: Wired): void {
  const resources = wiredResourcesOf(root);
  for (const kind of Object.keys(resources) as Array<keyof WiredResources>) {
    const into = resources[kind] as Map<string, unknown>;
    for (const [id, resource] of Object.entries(wired[kind])) into.set(id, resource);
  }
}

/** The manifest entries wired so far in each top-level stack, as `<kind>:<id>`. */
const wiredEntries = new WeakMap<Stack, Set<string>>();
const entryKey = (kind: string, id: string) => `${kind}:${id}`;

/** Notes that the manifest entry `id` of `kind` (route, rule, …) has its infrastructure in `root`. */
export function markWired(root: Stack, kind: string, id: string): void {
  const wired = wiredEntries.get(root) ?? new Set<string>();
  wiredEntries.set(root, wired.add(entryKey(kind, id)));
}

/** Whether some service's construct wired the manifest entry `id` of `kind` in `root` or its nested stacks. */
export function isWired(root: Stack, kind: string, id: string): boolean {
  return wiredEntries.get(root)?.has(entryKey(kind, id)) ?? false;
}
