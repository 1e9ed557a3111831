import type { HealthView } from './schemas';

export interface HealthDeps {
  /** Resolves when the function's table answers (and is usable), rejects when it does not. */
  probeTable(): Promise<void>;
  /** The settings the function needs that it was not given. */
  missingSettings(): string[];
}

/**
 * What a function can check cheaply about itself: its table reachable and its configuration
 * present. `ok` only when both are; otherwise `degraded`, naming what is down.
 */
export async function checkHealth(deps: HealthDeps): Promise<HealthView> {
  const [table, configuration] = await Promise.all([
    deps.probeTable().then(
      () => 'up' as const,
      () => 'down' as const,
    ),
    deps.missingSettings().length === 0 ? ('up' as const) : ('down' as const),
  ]);
  const components = { table, configuration };
  return { status: table === 'up' && configuration === 'up' ? 'ok' : 'degraded', components };
}
