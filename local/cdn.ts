import type { IncomingMessage } from 'node:http';
import { routes } from '../functions/manifest';
import { behaviourFor, type CacheBehaviour, cacheBehaviours } from '../shared/manifests/cache-behaviours';
import type { GatewayAnswer } from './gateway';

type Origin = (request: IncomingMessage, url: URL) => Promise<GatewayAnswer | undefined>;

interface Stored {
  answer: GatewayAnswer;
  /** Path and the key's query strings, as an invalidation path is matched against. */
  objectPath: string;
  storedAt: number;
  freshSeconds: number;
  staleSeconds: number;
}

/** The platform's CDN: the behaviours the CDK app deploys, from the same routes manifest. */
export function platformCdn(origin: Origin): LocalCdn {
  return new LocalCdn(cacheBehaviours(routes), origin);
}

const HIT = 'Hit from cloudfront';
const MISS = 'Miss from cloudfront';

/**
 * The local stand-in for the CloudFront distribution in front of the API: it sits ahead of the
 * gateway's route matching and JWT check, uses the behaviours `cacheBehaviours` derives from the
 * routes manifest (the very list the CDK app deploys), builds cache keys as CloudFront does
 * (path, the behaviour's query strings in the order sent, `Authorization`), forwards only those
 * query strings and no cookies, keeps what the origin's `s-maxage` allows (capped by the
 * behaviour's maximum TTL), serves stale within `stale-while-revalidate` while it refreshes,
 * and answers `x-cache` and `age`. `invalidate` is what the local CreateInvalidation calls.
 */
export class LocalCdn {
  private readonly entries = new Map<string, Stored>();
  private readonly refreshing = new Set<string>();

  constructor(
    readonly behaviours: readonly CacheBehaviour[],
    private readonly origin: Origin,
    private readonly now: () => number = Date.now,
  ) {}

  async answer(request: IncomingMessage, url: URL): Promise<GatewayAnswer | undefined> {
    const method = (request.method ?? 'GET').toUpperCase();
    const behaviour = behaviourFor(this.behaviours, url.pathname);
    if (!behaviour) return marked(await this.origin(request, url), MISS);
    // The behaviour's cache policy decides what reaches the origin: its query strings, no cookies.
    const forwarded = new URL(url.pathname, url);
    for (const [name, value] of url.searchParams) {
      if (behaviour.queryStrings.includes(name)) forwarded.searchParams.append(name, value);
    }
    delete request.headers.cookie;
    if (method !== 'GET' && method !== 'HEAD') return marked(await this.origin(request, forwarded), MISS);

    const objectPath = `${forwarded.pathname}${forwarded.search}`;
    const key = `${behaviour.pathPattern} ${objectPath} ${request.headers.authorization ?? ''}`;
    const stored = this.entries.get(key);
    if (stored) {
      const age = Math.floor((this.now() - stored.storedAt) / 1000);
      if (age < stored.freshSeconds) return withAge(stored.answer, age);
      if (age < stored.freshSeconds + stored.staleSeconds) {
        this.refreshInBackground(key, behaviour, request, forwarded, objectPath);
        return withAge(stored.answer, age);
      }
    }
    const answer = await this.origin(request, forwarded);
    if (answer) this.store(key, behaviour, answer, objectPath);
    return marked(answer, MISS);
  }

  /**
   * Drops what CloudFront's invalidation paths name: a path names the object with exactly that
   * path and query string; a trailing `*` names every object whose path starts with the rest.
   */
  invalidate(paths: readonly string[]): number {
    let dropped = 0;
    for (const [key, stored] of this.entries) {
      const named = paths.some((path) =>
        path.endsWith('*') ? stored.objectPath.startsWith(path.slice(0, -1)) : stored.objectPath === path,
      );
      if (named) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  private store(key: string, behaviour: CacheBehaviour, answer: GatewayAnswer, objectPath: string): void {
    const directives = cacheControl(answer.headers['cache-control']);
    if (directives.has('no-store') || directives.has('private') || directives.has('no-cache')) return;
    const shared = directives.get('s-maxage') ?? directives.get('max-age');
    // No lifetime from the origin: the cache policy's default TTL, which is 0 for the API.
    if (shared === undefined || shared <= 0) return;
    this.entries.set(key, {
      answer,
      objectPath,
      storedAt: this.now(),
      freshSeconds: Math.min(shared, behaviour.maxTtlSeconds),
      staleSeconds: directives.get('stale-while-revalidate') ?? 0,
    });
  }

  private refreshInBackground(
    key: string,
    behaviour: CacheBehaviour,
    request: IncomingMessage,
    forwarded: URL,
    objectPath: string,
  ): void {
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    void this.origin(request, forwarded)
      .then((answer) => {
        if (answer) this.store(key, behaviour, answer, objectPath);
      })
      .catch((error) => console.error('[cdn] refresh failed:', (error as Error).message))
      .finally(() => this.refreshing.delete(key));
  }
}

function marked(answer: GatewayAnswer | undefined, xCache: string): GatewayAnswer | undefined {
  return answer && { ...answer, headers: { ...answer.headers, 'x-cache': xCache } };
}

function withAge(answer: GatewayAnswer, age: number): GatewayAnswer {
  return { ...answer, headers: { ...answer.headers, 'x-cache': HIT, age: String(age) } };
}

/** `public, max-age=0, s-maxage=300` → { public: 0, max-age: 0, s-maxage: 300 } (flags count 0). */
function cacheControl(header: string | string[] | undefined): Map<string, number> {
  const directives = new Map<string, number>();
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=');
    if (name) directives.set(name, value === undefined ? 0 : Number(value) || 0);
  }
  return directives;
}
