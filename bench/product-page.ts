/**
 * GET /api/v1/products/{id} through the local gateway, at 50 connections, spread over the
 * demo catalog. Prints figures; asserts nothing.
 *
 *   npx tsx bench/product-page.ts [--seconds 15] [--connections 50]
 */
import { describeLoad, runLoad } from './lib/load';
import { startPlatformProcess } from './lib/platform-process';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const seconds = argument('seconds', 15);
  const connections = argument('connections', 50);
  const platform = await startPlatformProcess({ seed: 'demo' });
  console.log(`platform ready in ${(platform.startupMs / 1000).toFixed(1)} s at ${platform.url}`);
  try {
    const seedIds = Array.from({ length: 3000 }, (_, i) => `prod_SEED${String(i + 1).padStart(22, '0')}`);
    const path = (n: number) => `/api/v1/products/${seedIds[(n * 7919) % seedIds.length]}`;
    await runLoad(platform.url, { connections, durationSeconds: 3, path }); // warm-up: modules loaded, JIT warm
    const result = await runLoad(platform.url, { connections, durationSeconds: seconds, path });
    console.log(describeLoad(`GET /api/v1/products/{id}, ${connections} connections`, result));
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
