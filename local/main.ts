import './polyfills';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureStorefrontBuild } from '../scripts/storefront-build';
import { intEnv } from '../shared/config';
import { faultsFromEnvironment } from './faults/faults';
import { IMAGES_BUCKET, startPlatform } from './platform';
import { DEMO_PASSWORD, DEMO_SELLERS, DEMO_SHOPPER, type SeedSize, seedDemoCatalog } from './seed/demo-seed';

/**
 * `npm start`: the whole platform on this machine.
 *   --port N (or PORT; default 3000; 0 picks a free port)
 *   --data-dir DIR (or BAZAAR_DATA_DIR) keeps state across restarts; in memory otherwise
 *   --seed demo|small|none (or BAZAAR_SEED; default demo) on first start
 *   --host ADDRESS (or BAZAAR_HOST; default 127.0.0.1): 0.0.0.0 opens it, and /_local/*, to the network
 *   --fault-seed N (or BAZAAR_FAULT_SEED) replays a run's fault choices; BAZAAR_FAULTS (JSON) arms faults
 *   --no-cdn (or BAZAAR_CDN=off) takes the local CDN out from in front of the API, to measure the origin
 */
interface Args {
  port: number;
  host: string;
  dataDir?: string;
  seed: SeedSize;
  faultSeed?: number;
  cdn: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const seed = (value('--seed') ?? process.env.BAZAAR_SEED ?? 'demo') as SeedSize;
  if (!['demo', 'small', 'none'].includes(seed)) throw new Error('--seed must be demo, small or none');
  const portText = value('--port') ?? process.env.PORT;
  const faultSeedText = value('--fault-seed') ?? process.env.BAZAAR_FAULT_SEED;
  const faultSeed = faultSeedText === undefined ? undefined : Number(faultSeedText);
  if (faultSeed !== undefined && !(Number.isInteger(faultSeed) && faultSeed >= 0 && faultSeed < 2 ** 32)) {
    throw new Error('--fault-seed must be an integer from 0 to 4294967295');
  }
  return {
    port: portText === undefined ? 3000 : Number(portText),
    host: value('--host') ?? process.env.BAZAAR_HOST ?? '127.0.0.1',
    dataDir: value('--data-dir') ?? process.env.BAZAAR_DATA_DIR ?? undefined,
    seed,
    faultSeed,
    cdn: !argv.includes('--no-cdn') && process.env.BAZAAR_CDN !== 'off',
  };
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const args = parseArgs(process.argv.slice(2));
  // Built while the platform starts: most of a start is spent waiting on Java, not the CPU.
  const storefront = storefrontReady();
  const platform = await startPlatform({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    faultSeed: args.faultSeed,
    faults: faultsFromEnvironment(process.env.BAZAAR_FAULTS),
    cdn: args.cdn,
  });
  const armed = platform.faults.list();
  console.log(
    `Fault seed ${platform.faults.seed} (replay with --fault-seed ${platform.faults.seed}); ` +
      `${armed.length ? `armed: ${JSON.stringify(armed)}` : 'no faults armed'}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Bazaar…`);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const seeding = platform.freshData && args.seed !== 'none';
  if (seeding) {
    // The platform's own bookkeeping: a client of its own, without the handlers' faults.
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: platform.dynamoEndpoint }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    let lastShown = 0;
    const result = await seedDemoCatalog(doc, {
      size: args.seed,
      productsTable: process.env.PRODUCTS_TABLE_NAME!,
      inventoryTable: process.env.INVENTORY_TABLE_NAME!,
      reviewsTable: process.env.REVIEWS_TABLE_NAME!,
      images: {
        load: (key, body, contentType) => platform.s3.loadObject(IMAGES_BUCKET, key, body, contentType),
        baseUrl: process.env.IMAGES_BASE_URL!,
      },
      onProgress: (done, total) => {
        if (done === total || done - lastShown >= total / 10) {
          lastShown = done;
          console.log(`Loading demo catalog: ${done}/${total} products`);
        }
      },
    });
    console.log(
      `Demo catalog ready: ${result.products} products from ${result.sellers.length} sellers, ` +
        `${result.reviews} reviews. ` +
        `Sign in as ${DEMO_SHOPPER.email} or ${DEMO_SELLERS[0]!.email} with password ${DEMO_PASSWORD}.`,
    );
  }
  // After a seed, ready waits for its ripple to settle; after a restart (clients may be retrying
  // already, so the streams need not fall quiet), for what was written before it to be read once.
  if (seeding) await waitUntilSettled(platform, intEnv('BAZAAR_READY_WAIT_MS', 90_000));
  else await waitForStreams(platform.poller, 30_000);
  await storefront;
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  if (platform.originUrl !== platform.url) {
    console.log(`The API without the CDN (the origin) is at ${platform.originUrl}/api/v1`);
  }
  console.log(
    `Bazaar is ready at ${platform.url} (API ${platform.url}/api/v1, docs ${platform.url}/docs) in ${seconds} s`,
  );
}

/** The storefront, built when web/dist is missing or stale; a failed build leaves the API running. */
async function storefrontReady(): Promise<void> {
  try {
    const { built, milliseconds } = await ensureStorefrontBuild();
    if (built) console.log(`Built the storefront (web/dist) in ${(milliseconds / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(
      'The storefront did not build; the API runs without it (`npm run build:web` shows why):',
      error,
    );
  }
}

/** What was stored before the start has been read off every stream once. */
async function waitForStreams(poller: { drained(): Promise<boolean> }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await poller.drained())) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Ready means what is stored is also what downstream consumers have seen: the search index, the
 * product pages' summaries, the CDN's purges. A load (the demo seed) ripples on — stream records
 * become events, events become writes, writes become stream records — so ready is a pass over
 * every stream that read nothing while the bus had nothing in flight, before and after; at most
 * `timeoutMs`, after which the platform serves anyway (and says so).
 */
async function waitUntilSettled(
  platform: { poller: { quiet(): Promise<boolean> }; bus: { idle(): Promise<void>; isIdle(): boolean } },
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Visitors may already be keeping the bus busy: wait for it, but never past the deadline.
    await Promise.race([
      platform.bus.idle(),
      new Promise((resolve) => setTimeout(resolve, deadline - Date.now())),
    ]);
    if ((await platform.poller.quiet()) && platform.bus.isIdle()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`Still settling after ${timeoutMs / 1000} s: search and pages may lag behind for a while`);
}

main().catch((error) => {
  console.error('Bazaar failed to start:', error);
  process.exit(1);
});
