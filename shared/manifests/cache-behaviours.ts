import type { CachePolicy, RouteDefinition } from './types';

/**
 * The CDN's view of the routes manifest, computed once here and read by both the CDK app
 * (cdk/constructs/site-distribution.ts) and the local CDN (local/cdn.ts), so the cache that
 * runs on the laptop is the one that runs on AWS.
 */

/** CloudFront's quotas that the manifest must fit in. */
export const CDN_QUOTAS = {
  /** Query strings in one cache policy's key. */
  queryStringsPerCachePolicy: 10,
  /** Custom cache policies per account (other stages share it: Bazaar uses a few). */
  cachePoliciesPerAccount: 20,
  /** Cache behaviours per distribution (the API's `/api/*` takes one more). */
  behavioursPerDistribution: 25,
} as const;

/** The header that keeps a signed-in response apart from an anonymous one in the cache key. */
export const CACHE_KEY_HEADERS = ['authorization'] as const;

export interface CacheBehaviour {
  /** CloudFront's path pattern: `*` matches any run of characters, `/` included. */
  pathPattern: string;
  /** The routes this behaviour serves (their ids), for error messages and the agreement test. */
  routeIds: string[];
  /** The query strings in the cache key (and the only ones forwarded): those the routes accept. */
  queryStrings: string[];
  /** The cache policy's maximum TTL: the routes' longest `s-maxage` (which it caps). */
  maxTtlSeconds: number;
  /** The policy the behaviour's cache policy is shared by, so identical policies count once. */
  policyKey: string;
}

/** The CDN's behaviours for the API, most specific first (CloudFront takes the first that matches). */
export function cacheBehaviours(routes: readonly RouteDefinition[]): CacheBehaviour[] {
  const byPattern = new Map<string, { routes: RouteDefinition[]; policies: CachePolicy[] }>();
  for (const route of routes) {
    if (!route.cache) continue;
    if (route.method !== 'GET') throw new Error(`${route.id}: only GET routes may carry a cache policy`);
    if (route.auth !== 'public' && route.auth !== 'optional') {
      throw new Error(`${route.id}: a route that needs a signed-in caller cannot carry a cache policy`);
    }
    const pattern = pathPatternOf(route.path);
    const entry = byPattern.get(pattern) ?? { routes: [], policies: [] };
    entry.routes.push(route);
    entry.policies.push(route.cache);
    byPattern.set(pattern, entry);
  }
  const behaviours = [...byPattern.entries()].map(([pathPattern, entry]) => {
    const queryStrings = [...new Set(entry.routes.flatMap(queryStringsOf))].sort();
    const routeIds = entry.routes.map((route) => route.id);
    if (queryStrings.length > CDN_QUOTAS.queryStringsPerCachePolicy) {
      throw new Error(
        `${routeIds.join(', ')}: ${queryStrings.length} query strings, over CloudFront's ${CDN_QUOTAS.queryStringsPerCachePolicy} per cache policy`,
      );
    }
    const maxTtlSeconds = Math.max(...entry.policies.map((policy) => policy.sharedMaxAgeSeconds));
    return {
      pathPattern,
      routeIds,
      queryStrings,
      maxTtlSeconds,
      policyKey: `${queryStrings.join(',')}|${maxTtlSeconds}`,
    };
  });
  behaviours.sort(bySpecificity);
  if (behaviours.length + 1 > CDN_QUOTAS.behavioursPerDistribution) {
    throw new Error(
      `${behaviours.length} cached behaviours and /api/*: over CloudFront's 25 per distribution`,
    );
  }
  if (new Set(behaviours.map((b) => b.policyKey)).size > CDN_QUOTAS.cachePoliciesPerAccount / 2) {
    // Half the account's quota: a second stage in the same account needs the other half.
    throw new Error('The routes need more distinct cache policies than half the account quota');
  }
  return behaviours;
}

/** The first behaviour whose pattern matches the path, as CloudFront picks one; undefined: `/api/*`. */
export function behaviourFor(
  behaviours: readonly CacheBehaviour[],
  path: string,
): CacheBehaviour | undefined {
  return behaviours.find((behaviour) => patternMatches(behaviour.pathPattern, path));
}

/** CloudFront's path patterns: case-sensitive, `*` any run of characters (`/` too), `?` exactly one. */
export function patternMatches(pattern: string, path: string): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(path);
}

/** The `Cache-Control` an anonymous response of a cached route carries. */
export function cacheControlOf(policy: CachePolicy): string {
  const parts = ['public', `max-age=${policy.maxAgeSeconds}`, `s-maxage=${policy.sharedMaxAgeSeconds}`];
  if (policy.staleWhileRevalidateSeconds) {
    parts.push(`stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`);
  }
  return parts.join(', ');
}

/** How long a CDN may serve a response: its shared lifetime, then stale while it revalidates. */
export function cdnLifetimeSeconds(policy: CachePolicy): number {
  return policy.sharedMaxAgeSeconds + (policy.staleWhileRevalidateSeconds ?? 0);
}

/** `/api/v1/products/{product_id}/reviews` → `/api/v1/products/*\/reviews`. */
function pathPatternOf(path: string): string {
  return path.replace(/\{\w+\}/g, '*');
}

function queryStringsOf(route: RouteDefinition): string[] {
  return route.query ? Object.keys(route.query.shape) : [];
}

/** More literal characters first, so `/products/*\/reviews` is tried before `/products/*`. */
function bySpecificity(a: CacheBehaviour, b: CacheBehaviour): number {
  const literal = (pattern: string) => pattern.replace(/\*/g, '').length;
  return literal(b.pathPattern) - literal(a.pathPattern) || a.pathPattern.localeCompare(b.pathPattern);
}
