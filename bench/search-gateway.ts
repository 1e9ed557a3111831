/**
 * End-to-end search latency through the local gateway (HTTP → gateway → handler → embedded
 * index) on the demo catalog. Prints figures; asserts nothing.
 *
 *   npx tsx bench/search-gateway.ts [--seconds 10] [--connections 20]
 */
import { describeLoad, runLoad } from './lib/load';
import { startPlatformProcess } from './lib/platform-process';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const QUERIES = [
  'q=wireless+headphones',
  'q=coffee&category=grocery&sort=price_asc',
  'q=yoga+mat&min_price=10&max_price=100&in_stock=true',
  'q=hedphones',
  'category=electronics&sort=rating&min_rating=4',
  'q=lego&category=toys&page=2',
  'q=stainless+steel&min_price=1&max_price=1000&sort=newest',
];

async function main(): Promise<void> {
  const seconds = argument('seconds', 10);
  const connections = argument('connections', 20);
  const platform = await startPlatformProcess({ seed: 'demo' });
  console.log(`platform ready in ${(platform.startupMs / 1000).toFixed(1)} s (demo catalog, 3,000 products)`);
  try {
    const searchPath = (n: number) => `/api/v1/search?${QUERIES[n % QUERIES.length]}`;
    await runLoad(platform.url, { connections, durationSeconds: 2, path: searchPath });
    console.log(
      describeLoad(
        `GET /api/v1/search (mixed queries), ${connections} connections`,
        await runLoad(platform.url, { connections, durationSeconds: seconds, path: searchPath }),
      ),
    );
    const suggestPath = (n: number) => `/api/v1/search/suggest?q=${['wire', 'cof', 'yo', 'st', 'le'][n % 5]}`;
    console.log(
      describeLoad(
        `GET /api/v1/search/suggest, ${connections} connections`,
        await runLoad(platform.url, { connections, durationSeconds: seconds, path: suggestPath }),
      ),
    );
    const single = await runLoad(platform.url, {
      connections: 1,
      durationSeconds: seconds,
      path: searchPath,
    });
    console.log(describeLoad('GET /api/v1/search (mixed queries), 1 connection', single));
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
