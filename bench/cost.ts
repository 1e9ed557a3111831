/**
 * What Bazaar would cost on AWS: a mixed workload on the local platform, counted where the
 * local stand-ins see it (`/_local/usage`) and priced from bench/lib/prices.ts. Prints $ per
 * 1,000 orders and per 1 million product views with their three biggest items, the fixed
 * monthly costs of the production stack, and both at the system design's traffic.
 *
 *   npx tsx bench/cost.ts [--views 2000] [--orders 60] [--hit-ratio 0.95]
 */
import { schedules } from '../functions/manifest';
import {
  biggest,
  functionMemoryMb,
  type LineItem,
  lambdaGbSeconds,
  type MeasuredUsage,
  priceUsage,
  scaleItems,
  total,
} from './lib/cost-model';
import { CostWorkload } from './lib/cost-workload';
import { fixedMonthlyCosts, productionResources } from './lib/fixed-costs';
import { startPlatformProcess } from './lib/platform-process';
import { DAYS_PER_MONTH, PRICES_AS_OF, PRICES_SOURCE } from './lib/prices';

/** The system design's traffic; the average is our assumption (a 3:1 peak-to-average day). */
const ORDERS_PER_DAY = 100_000;
const PEAK_VIEWS_PER_SECOND = 12_000;
const AVERAGE_VIEWS_PER_SECOND = PEAK_VIEWS_PER_SECOND / 3;
const TARGET_PER_THOUSAND_ORDERS = 1.0;
const TARGET_PER_MILLION_CACHED_VIEWS = 1.5;

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const usd = (value: number) => `$${value < 0.01 ? value.toFixed(5) : value.toFixed(2)}`;

/** What lowers each kind of item, printed under a figure above its target. */
const REMEDIES: Record<string, string> = {
  'CloudFront requests': "none: it is CloudFront's own floor per request",
  'CloudFront data transfer out': 'smaller responses (compression, fewer fields)',
  'API Gateway HTTP API requests':
    'fewer requests reaching the origin: a higher CDN hit ratio (longer shared max-age, stale-while-revalidate)',
  'Lambda requests': 'fewer invocations per request (fold steps together, batch event deliveries)',
  'Lambda duration':
    'less time per invocation (fewer sequential DynamoDB calls, lazy imports) or less memory for I/O-bound functions',
  'DynamoDB reads':
    'eventually consistent reads where a stale answer is safe, smaller items, one read per page',
  'DynamoDB writes':
    'fewer or smaller items per order (transactions bill twice; rate-limit and idempotency records are writes too)',
  'Step Functions transitions':
    'fewer states (Pass states bill too), or an Express workflow, billed by duration instead',
  'EventBridge events': 'fewer events per order',
};

/** Where an item comes from: the heaviest tables and functions of a phase, per `per` units. */
function breakdown(usage: MeasuredUsage, units: number, per: number, scheduled: ReadonlySet<string>): string {
  const scale = per / units;
  const tables = Object.entries(usage.dynamodb)
    .sort(([, a], [, b]) => b.writeUnits + b.readUnits / 4 - (a.writeUnits + a.readUnits / 4))
    .slice(0, 4)
    .map(
      ([table, each]) =>
        `${table.replace(/^bazaar-local-/, '')} ${(each.writeUnits * scale).toFixed(0)} WRU/${(each.readUnits * scale).toFixed(0)} RRU`,
    );
  const functions = Object.entries(usage.lambda)
    .filter(([handler]) => !scheduled.has(handler))
    .map(
      ([handler, each]) =>
        [handler, lambdaGbSeconds(each.durationsMs, functionMemoryMb(handler)), each.invocations] as const,
    )
    .sort(([, a], [, b]) => b - a)
    .slice(0, 4)
    .map(
      ([handler, gbs, n]) =>
        `${handler.replace(/^functions\/|\.handler$/g, '')} ${(gbs * scale).toFixed(0)} GB-s in ${(n * scale).toFixed(0)} runs`,
    );
  return `    tables: ${tables.join('; ')}\n    functions: ${functions.join('; ')}`;
}

function describe(title: string, items: readonly LineItem[], target?: number): string {
  const sum = total(items);
  const top = biggest(items)
    .map(
      (each) =>
        `    ${each.item}: ${usd(each.usd)} (${each.quantity.toFixed(each.quantity < 100 ? 2 : 0)} ${each.unit})`,
    )
    .join('\n');
  const verdict =
    target === undefined
      ? ''
      : sum <= target
        ? ` — within the ${usd(target)} target`
        : ` — ABOVE the ${usd(target)} target`;
  const remedies =
    target !== undefined && sum > target
      ? `\n    to bring it down: ${biggest(items)
          .map((each) => `${each.item}: ${REMEDIES[each.item] ?? 'fewer of them'}`)
          .join('; ')}`
      : '';
  return `${title}: ${usd(sum)}${verdict}\n${top}${remedies}`;
}

async function main(): Promise<void> {
  const size = {
    views: argument('views', 2000),
    orders: argument('orders', 60),
    searchesPerOrder: 3,
    cancelEvery: 10,
    concurrency: 10,
  };
  const hitRatio = argument('hit-ratio', 0.95);
  const scheduled = new Set<string>(schedules.map((schedule) => schedule.handler));
  const platform = await startPlatformProcess({
    seed: 'small',
    env: {
      PASSWORD_SCRYPT_N: '1024',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      // The origin's cost is measured uncached and the CDN's hit ratio applied as assumed
      // (--hit-ratio): a short run over a small catalog would report a hit ratio of its own.
      BAZAAR_CDN: 'off',
      RATE_LIMIT_SIGNUP_PER_SECOND: '1000',
      RATE_LIMIT_SIGNUP_BURST: '10000',
    },
  });
  try {
    const workload = new CostWorkload(platform.url, scheduled);
    const { productId, buyers } = await workload.setUp(size.orders);
    const seeded = Array.from({ length: 200 }, (_, i) => `prod_SEED${String(i + 1).padStart(22, '0')}`);
    const views = await workload.measure(() => workload.views(seeded, size.views, size.concurrency));
    let outcome = { paid: 0, cancelled: 0 };
    const shopping = await workload.measure(async () => {
      outcome = await workload.shopping(productId, buyers, size);
    });
    if (outcome.paid === 0) throw new Error('No order was paid: nothing to price');

    const viewItems = (originShare: number) =>
      scaleItems(priceUsage(views.usage, { originShare, scheduled }), size.views, 1_000_000);
    const uncachedViews = viewItems(1);
    const cachedViews = viewItems(1 - hitRatio);
    const orders = scaleItems(priceUsage(shopping.usage, { originShare: 1, scheduled }), outcome.paid, 1000);
    const durations = Object.fromEntries(
      [...Object.entries(views.usage.lambda), ...Object.entries(shopping.usage.lambda)].map(
        ([handler, each]) => [handler, each.durationsMs],
      ),
    );
    const fixed = fixedMonthlyCosts(productionResources(), durations);

    const ordersPerMonth = ORDERS_PER_DAY * DAYS_PER_MONTH;
    const viewsPerMonth = AVERAGE_VIEWS_PER_SECOND * 86_400 * DAYS_PER_MONTH;
    const monthlyOrders = total(orders) * (ordersPerMonth / 1000);
    const monthlyViews = total(cachedViews) * (viewsPerMonth / 1_000_000);
    console.log(
      [
        `Prices: us-east-1 list prices of ${PRICES_AS_OF} (${PRICES_SOURCE}).`,
        `Measured: ${size.views} product views in ${views.seconds.toFixed(1)} s; ${outcome.paid} orders paid ` +
          `(${outcome.cancelled} then cancelled, ${size.searchesPerOrder} searches, a cart add and a cart view each) in ${shopping.seconds.toFixed(1)} s.`,
        'The local CDN is off for this run (BAZAAR_CDN=off): every API request is counted as a CloudFront request, its bytes as CloudFront data out, and the hit ratio is the assumed one; no invalidations are counted.',
        '',
        describe('Per 1,000 orders (per-use, Stripe fees aside)', orders, TARGET_PER_THOUSAND_ORDERS),
        breakdown(shopping.usage, outcome.paid, 1000, scheduled),
        describe(
          `Per 1 million product views at a ${(hitRatio * 100).toFixed(0)}% CDN hit ratio`,
          cachedViews,
          TARGET_PER_MILLION_CACHED_VIEWS,
        ),
        describe(
          'Per 1 million product views if none were cached (as measured, all reach the API)',
          uncachedViews,
          TARGET_PER_MILLION_CACHED_VIEWS,
        ),
        breakdown(views.usage, size.views, 1_000_000, scheduled),
        '',
        describe('Fixed per month (production stack)', fixed),
        `    (all: ${fixed.map((each) => `${each.item} ${usd(each.usd)}`).join('; ')})`,
        '',
        `At the design's traffic — ${ORDERS_PER_DAY.toLocaleString('en-US')} orders a day, ${PEAK_VIEWS_PER_SECOND.toLocaleString('en-US')} views/s at peak, ` +
          `${AVERAGE_VIEWS_PER_SECOND.toLocaleString('en-US')} views/s on average (assumed 3:1 peak to average), ${DAYS_PER_MONTH}-day month:`,
        `    orders ${usd(monthlyOrders)} + product views ${usd(monthlyViews)} per-use, plus ${usd(total(fixed))} fixed = ${usd(monthlyOrders + monthlyViews + total(fixed))} a month`,
      ].join('\n'),
    );
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
