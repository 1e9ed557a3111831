import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { LocalCdn } from '../../../local/cdn';
import type { GatewayAnswer } from '../../../local/gateway';
import { cacheBehaviours } from '../../../shared/manifests/cache-behaviours';
import type { RouteDefinition } from '../../../shared/manifests/types';

const page: RouteDefinition = {
  id: 'Page',
  method: 'GET',
  path: '/api/v1/things/{id}',
  auth: 'public',
  handler: 'functions/x/handlers/x.handler',
  summary: 'x',
  tag: 'X',
  successStatus: 200,
  query: z.object({ sort: z.string().optional() }),
  cache: { maxAgeSeconds: 0, sharedMaxAgeSeconds: 10, staleWhileRevalidateSeconds: 5 },
};

function setUp(cacheControl = 'public, max-age=0, s-maxage=10, stale-while-revalidate=5') {
  let now = 0;
  const seen: string[] = [];
  let version = 0;
  const origin = async (request: IncomingMessage, url: URL): Promise<GatewayAnswer> => {
    seen.push(`${url.pathname}${url.search} cookie=${request.headers.cookie ?? '-'}`);
    version++;
    return { status: 200, headers: { 'cache-control': cacheControl }, body: Buffer.from(String(version)) };
  };
  const cdn = new LocalCdn(cacheBehaviours([page]), origin, () => now);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const answer = (await cdn.answer(
      { method: 'GET', headers: { ...headers } } as unknown as IncomingMessage,
      new URL(path, 'http://localhost'),
    ))!;
    return { body: answer.body!.toString(), xCache: answer.headers['x-cache'], age: answer.headers.age };
  };
  return { cdn, get, seen, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('the local CDN', () => {
  it('serves a cached page from cache with its age, until s-maxage passes', async () => {
    const { get, advance } = setUp();
    expect(await get('/api/v1/things/a')).toEqual({
      body: '1',
      xCache: 'Miss from cloudfront',
      age: undefined,
    });
    advance(3);
    expect(await get('/api/v1/things/a')).toEqual({ body: '1', xCache: 'Hit from cloudfront', age: '3' });
  });

  it('serves stale within stale-while-revalidate while it refreshes, then the fresh copy', async () => {
    const { get, advance } = setUp();
    await get('/api/v1/things/a');
    advance(12);
    expect((await get('/api/v1/things/a')).body).toBe('1');
    await new Promise((settled) => setImmediate(settled));
    expect(await get('/api/v1/things/a')).toMatchObject({ body: '2', xCache: 'Hit from cloudfront' });
    advance(30);
    expect(await get('/api/v1/things/a')).toMatchObject({ body: '3', xCache: 'Miss from cloudfront' });
  });

  it('keys on the path, the accepted query strings and Authorization; forwards neither cookies nor other query strings', async () => {
    const { get, seen } = setUp();
    await get('/api/v1/things/a?sort=new&utm=x', { cookie: 'bazaar_cart=c1' });
    expect((await get('/api/v1/things/a?sort=new&utm=y')).xCache).toBe('Hit from cloudfront');
    expect((await get('/api/v1/things/a?sort=old')).xCache).toBe('Miss from cloudfront');
    expect((await get('/api/v1/things/a?sort=new', { authorization: 'Bearer t' })).xCache).toBe(
      'Miss from cloudfront',
    );
    expect(seen[0]).toBe('/api/v1/things/a?sort=new cookie=-');
  });

  it('stores nothing the origin marks private or no-store', async () => {
    const { get } = setUp('private, no-store');
    await get('/api/v1/things/a');
    expect((await get('/api/v1/things/a')).xCache).toBe('Miss from cloudfront');
  });

  it('drops what an invalidation names: a path exactly, or a prefix with a trailing *', async () => {
    const { cdn, get } = setUp();
    await get('/api/v1/things/a');
    await get('/api/v1/things/a?sort=new');
    await get('/api/v1/things/b');
    expect(cdn.invalidate(['/api/v1/things/a'])).toBe(1);
    expect((await get('/api/v1/things/a?sort=new')).xCache).toBe('Hit from cloudfront');
    expect(cdn.invalidate(['/api/v1/things/*'])).toBe(2);
  });
});
