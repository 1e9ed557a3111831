import type { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import * as manifests from '../../functions/manifest';
import type {
  EventRuleDefinition,
  HandlerRef,
  RouteDefinition,
  ScheduleDefinition,
  StateMachineDefinition,
  StreamDefinition,
  TableDefinition,
} from '../../shared/manifests/types';
import type { ServiceWiringProps, WiredService } from './manifest-settings';
import { rootStackOf } from './platform';
import { wireRoute } from './route-wiring';
import { serviceOf } from './service-function';
import { ServiceWiring } from './service-wiring';
import { wireStateMachines } from './state-machine-wiring';
import { createdTablesOf } from './tables';
import { wireRule, wireSchedule, wireStream } from './trigger-wiring';
import { isWired } from './wired-resources';

export { checkedTaskHandlers, mergeUses, rateOf, taskTimeoutSeconds, toEventPattern } from './manifest-rules';
export {
  EMAIL_DELIVERY_ENV,
  EMAIL_FROM_ENV,
  type EmailSending,
  IMAGES_BASE_URL_ENV,
  IMAGES_BUCKET_ENV,
  SECRET_ENV,
  type SearchIndexAccess,
  type SecretId,
  type SecretSet,
  type ServiceWiringProps,
  type WiredService,
} from './manifest-settings';

/** The manifests the wiring reads; tests hand in synthetic ones. */
export interface Manifests {
  readonly routes: readonly RouteDefinition[];
  readonly rules: readonly EventRuleDefinition[];
  readonly streams: readonly StreamDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
  readonly stateMachines: readonly StateMachineDefinition[];
  readonly tables: readonly TableDefinition[];
}

export const platformManifests: Manifests = {
  routes: manifests.routes,
  rules: manifests.rules,
  streams: manifests.streams,
  schedules: manifests.schedules,
  stateMachines: manifests.stateMachines,
  tables: manifests.tables,
};

/**
 * Manifest tables no construct created and manifest entries no construct wired in `stack` (and
 * its nested stacks), as messages naming the fix. The stack validates with it, so `cdk synth` fails rather than
 * deploy a platform with a route, rule or table silently missing.
 */
export function unwiredManifestEntries(stack: Stack, manifests: Manifests = platformManifests): string[] {
  const root = rootStackOf(stack);
  const created = createdTablesOf(root);
  const missingTables = manifests.tables
    .filter((table) => !created.has(table.id))
    .map(
      (table) =>
        `The table ${table.id} is not created: give ${table.owner} a construct that calls serviceTables`,
    );
  const entries = [
    ...manifests.routes.map((route) => ({ kind: 'route', id: route.id, handler: route.handler })),
    ...manifests.rules.map((rule) => ({ kind: 'rule', id: rule.id, handler: rule.handler })),
    ...manifests.streams.map((stream) => ({ kind: 'stream', id: stream.id, handler: stream.handler })),
    ...manifests.schedules.map((job) => ({ kind: 'schedule', id: job.id, handler: job.handler })),
    ...manifests.stateMachines.flatMap((machine) =>
      Object.entries(machine.taskHandlers).map(([placeholder, handler]) => ({
        kind: 'state machine task',
        id: `${machine.id}.${placeholder}`,
        handler,
      })),
    ),
    ...manifests.stateMachines.map((machine) => ({
      kind: 'state machine',
      id: machine.id,
      handler: `${machine.definitionFile}, hosted by ${machine.owner}`,
    })),
  ];
  const unwired = entries
    .filter((entry) => !isWired(root, entry.kind, entry.id))
    .map(
      (entry) =>
        `The ${entry.kind} ${entry.id} (${entry.handler}) is not wired: ` +
        (entry.kind === 'state machine'
          ? 'give its owner a construct that calls wireService, handed the other services’ tasks'
          : 'give its service a construct that calls wireService'),
    );
  return [...missingTables, ...unwired];
}

/**
 * Turns a service's share of the manifests into infrastructure: one function per route
 * (behind the HTTP API, with the JWT authorizer on `user`/`seller`/`admin` routes), per event
 * rule, per stream consumer, per schedule and per state machine step it handles, each granted
 * exactly the resources its manifest entry `uses` (a step: its `taskUses`); plus the state
 * machines whose `owner` it is, their placeholders bound to its own steps and to the steps
 * other services built (`taskFunctions`). A rule listens on the bus it names (Bazaar's own
 * unless it says `default`, the account's bus where AWS services send their events); a route
 * of a switchable `feature` may read the platform's feature switches; an entry that sends
 * e-mail may send it through SES as the service's `email` identities only.
 *
 * Adding a service (say `reviews`) takes a construct in cdk/constructs/reviews.ts that creates
 * its tables with `serviceTables(this, 'reviews', stage)`, calls `wireService` with those and
 * the tables it is handed in its props, and exposes what others consume as `public readonly`
 * fields; then one line in `BazaarStack`, building it in a nested stack of its own
 * (`serviceStack('Reviews', …)`). Everything else follows from the manifests. A service
 * that owns a state machine is also handed the other services' steps of it (their
 * `functions.tasks`), so those services' constructs come first (see cdk/constructs/orders.ts).
 */
export function wireService(scope: Construct, props: ServiceWiringProps): WiredService {
  const wiring = new ServiceWiring(scope, props, { ...platformManifests, ...props.manifests });
  const mine = <T extends { handler: HandlerRef }>(entries: readonly T[]) =>
    entries.filter((entry) => serviceOf(entry.handler) === props.service);

  // Steps and state machines first: the service's own routes and jobs may start them.
  wireStateMachines(wiring);
  for (const route of mine(wiring.manifests.routes)) wireRoute(wiring, route);
  for (const rule of mine(wiring.manifests.rules)) wireRule(wiring, rule);
  for (const stream of mine(wiring.manifests.streams)) wireStream(wiring, stream);
  for (const schedule of mine(wiring.manifests.schedules)) wireSchedule(wiring, schedule);
  return wiring.finish();
}
