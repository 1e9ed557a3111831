/**
 * The product page (GET /api/v1/products/{id}) through the local gateway at 50 connections of
 * autocannon (as the baseline was measured; it shares the 2 cores with the platform),
 * in one run: at the origin over the whole demo catalog and on one hot product; through the
 * local CDN (cache hits) when the gateway has one; and freshness — from a seller's price
 * change to the new price on the page, p50/p95/p99 over 100 changes. Prints figures and the
 * machine's load; asserts nothing.
 *
 *   npm run bench product-page [-- --seconds 15 --connections 50 --changes 100]
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { startPlatformProcess } from './lib/platform-process';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const SELLER = { email: 'northwind@bazaar.example', password: 'bazaar-demo-1' };
const seedIds = Array.from({ length: 3000 }, (_, i) => `prod_SEED${String(i + 1).padStart(22, '0')}`);
const wholeCatalog = (n: number) => `/api/v1/products/${seedIds[(n * 7919) % seedIds.length]}`;
const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(', ')}`;

async function json<T>(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/** Whether this gateway puts a CDN in front (CloudFront's `x-cache` header on a public page). */
async function hasCdn(url: string): Promise<boolean> {
  const first = await fetch(`${url}${wholeCatalog(1)}`);
  await first.arrayBuffer();
  return first.headers.has('x-cache');
}

async function measure(
  url: string,
  label: string,
  path: (n: number) => string,
  seconds: number,
  connections: number,
) {
  // Every page once first: "hits" must be hits. A 3 s warm-up alone reached only the pages it
  // had time for (about 2,000 of 3,000 when misses run at the origin's pace), and the first
  // seconds of the measurement were then misses.
  await everyPathOnce(url, path, connections);
  await cannon(url, path, 3, connections); // warm-up: modules loaded, JIT warm
  const result = await cannon(url, path, seconds, connections);
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}×${count}`)
    .join(' ');
  console.log(
    `${label}, ${connections} connections: ${result.requests.average.toFixed(0)} req/s over ${result.duration.toFixed(1)} s ` +
      `(${result.requests.total} requests; ${statuses}; ${result.errors} errors, ${result.timeouts} timeouts), ` +
      `latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, ` +
      `max ${result.latency.max} ms [${load()}]`,
  );
}

/** Requests each distinct path of `path(0 … catalog size)` once, `connections` at a time. */
async function everyPathOnce(url: string, path: (n: number) => string, connections: number): Promise<void> {
  const paths = [...new Set(seedIds.map((_, n) => path(n)))];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < paths.length) await (await fetch(`${url}${paths[next++]}`)).arrayBuffer();
    }),
  );
}

/** Autocannon's closed loop: each connection sends its next request when the last one answers. */
function cannon(url: string, path: (n: number) => string, seconds: number, connections: number) {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: path(n++) }) }],
  });
}

/** From a seller's price change to the new price on the public page: poll every 10 ms. */
async function freshness(url: string, changes: number): Promise<void> {
  const login = await json<{ access_token: string }>(`${url}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify(SELLER),
  });
  const auth = { authorization: `Bearer ${login.body.access_token}` };
  const mine = await json<{ items: Array<{ product_id: string; price_cents: number }> }>(
    `${url}/api/v1/seller/products?limit=1&status=active`,
    { headers: auth },
  );
  const product = mine.body.items[0]!;
  const page = `${url}/api/v1/products/${product.product_id}`;
  const times: number[] = [];
  for (let i = 0; i < changes; i++) {
    await (await fetch(page)).arrayBuffer(); // cached (when there is a CDN) before the change
    const priceCents = 1000 + i;
    const changedAt = performance.now();
    const answer = await fetch(`${url}/api/v1/seller/products/${product.product_id}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ price: priceCents / 100 }),
    });
    if (answer.status !== 200)
      throw new Error(`price change answered ${answer.status}: ${await answer.text()}`);
    for (;;) {
      const shown = (await (await fetch(page)).json()) as { price_cents: number };
      if (shown.price_cents === priceCents) break;
      if (performance.now() - changedAt > 30_000) throw new Error('the new price never showed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    times.push(performance.now() - changedAt);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
  console.log(
    `freshness over ${changes} price changes: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, ` +
      `max ${times.at(-1)!.toFixed(0)} ms [${load()}]`,
  );
}

async function main(): Promise<void> {
  const seconds = argument('seconds', 15);
  const connections = argument('connections', 50);
  const changes = argument('changes', 100);
  console.log(`baseline (issue 11, origin, whole catalog): 418 req/s, p50 114 ms, p99 218 ms`);
  const probe = await startPlatformProcess({ seed: 'demo' });
  console.log(`platform ready in ${(probe.startupMs / 1000).toFixed(1)} s at ${probe.url} [${load()}]`);
  const cdn = await hasCdn(probe.url);
  let origin = probe;
  try {
    if (cdn) {
      await measure(probe.url, 'CDN hits, whole catalog', wholeCatalog, seconds, connections);
      await measure(probe.url, 'CDN hits, one hot product', () => wholeCatalog(1), seconds, connections);
      await freshness(probe.url, changes);
      await probe.stop();
      origin = await startPlatformProcess({ seed: 'demo', args: ['--no-cdn'] });
    } else {
      console.log('this gateway has no local CDN (no x-cache header): origin figures only');
    }
    await measure(origin.url, 'origin, whole catalog', wholeCatalog, seconds, connections);
    await measure(origin.url, 'origin, one hot product', () => wholeCatalog(1), seconds, connections);
    if (!cdn) await freshness(origin.url, changes);
  } finally {
    await origin.stop();
    await probe.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
