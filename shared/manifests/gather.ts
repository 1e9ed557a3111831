import type { HandlerRef, PlatformManifests, ServiceManifest } from './types';

/**
 * Joins the services' manifests into the platform's, in the order given. Each service declares
 * only what it owns: an entry whose handler lives in another service's folder, or a table or
 * state machine owned by another, is refused here, so it cannot hide in the wrong manifest.
 */
export function gatherManifests(services: readonly ServiceManifest[]): PlatformManifests {
  for (const manifest of services) {
    checkOwnership(manifest);
    checkRouteOptionsHaveTheirResources(manifest);
  }
  const all = <T>(pick: (manifest: ServiceManifest) => readonly T[] | undefined) =>
    services.flatMap((manifest) => [...(pick(manifest) ?? [])]);
  return {
    routes: all((manifest) => manifest.routes),
    rules: all((manifest) => manifest.rules),
    streams: all((manifest) => manifest.streams),
    schedules: all((manifest) => manifest.schedules),
    tables: all((manifest) => manifest.tables),
    stateMachines: all((manifest) => manifest.stateMachines),
  };
}

function checkOwnership(manifest: ServiceManifest): void {
  const { service } = manifest;
  const entries: Array<{ kind: string; id: string; handler: HandlerRef }> = [
    ...(manifest.routes ?? []).map((route) => ({ kind: 'route', id: route.id, handler: route.handler })),
    ...(manifest.rules ?? []).map((rule) => ({ kind: 'rule', id: rule.id, handler: rule.handler })),
    ...(manifest.streams ?? []).map((stream) => ({ kind: 'stream', id: stream.id, handler: stream.handler })),
    ...(manifest.schedules ?? []).map((job) => ({ kind: 'schedule', id: job.id, handler: job.handler })),
  ];
  for (const entry of entries) {
    if (!entry.handler.startsWith(`functions/${service}/`)) {
      throw new Error(
        `The ${entry.kind} ${entry.id} runs ${entry.handler} but is declared in ${service}'s manifest: declare it in functions/${entry.handler.split('/')[1]}/manifest.ts`,
      );
    }
  }
  for (const owned of [...(manifest.tables ?? []), ...(manifest.stateMachines ?? [])]) {
    if (owned.owner !== service) {
      throw new Error(
        `${owned.id} is owned by ${owned.owner} but declared in ${service}'s manifest: declare it in functions/${owned.owner}/manifest.ts`,
      );
    }
  }
}

/**
 * A route option that needs a resource must also declare it in `uses`, which is where the CDK
 * app reads grants and environment from; otherwise the route would answer 500 on AWS only.
 */
function checkRouteOptionsHaveTheirResources(manifest: ServiceManifest): void {
  for (const route of manifest.routes ?? []) {
    if (route.idempotency && route.uses?.tables?.idempotency !== 'readWrite') {
      throw new Error(
        `The route ${route.id} declares idempotency but not its table: add \`idempotency: 'readWrite'\` to its uses.tables in functions/${manifest.service}/`,
      );
    }
  }
}
