import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from '../audit';
import { call, sleep, type Target } from './client';
import { armFaults, disarmFaults, everyFault, faultsInjected } from './faults';
import { freePort, type PlatformProcess, startPlatformProcess } from './platform-process';
import {
  type CardKind,
  cancel,
  checkout,
  createHotProducts,
  orderOf,
  prepareShopper,
  prng,
  type Shopper,
  type ShopperOutcome,
} from './workload';

export interface ChaosOptions {
  shoppers: number;
  /** Probability of every fault kind (0.05: 5% of every call each kind can strike). */
  faultRate: number;
  crashes: number;
  seed: number;
  hotProducts: number;
  concurrency: number;
  /** Share of shoppers who cancel their order once placed. */
  cancelRate: number;
  /** How long the platform gets to settle on its own, then the audit to come out clean (default 60 each). */
  quietSeconds?: number;
  dataDir?: string;
  log?: (line: string) => void;
}

export interface Crash {
  afterOrders: number;
  killedAt: number;
  readyAt: number;
}

export interface ChaosResult {
  seed: number;
  orders: number;
  faults: number;
  faultsByKind: Map<string, number>;
  crashes: Crash[];
  audit: AuditReport;
  statuses: Map<string, number>;
  /** Good or flaky card, stock there when reserved, not cancelled, yet not paid. */
  lostSales: string[];
  /** Orders failed because their reservation ran out while the platform was down. */
  expiredInOutage: string[];
  /** The slowest retrying buyer's order after the restart that interrupted them, in ms. */
  worstRetryAfterRestartMs: number;
  retryingBuyers: number;
  rejected: string[];
  workloadSeconds: number;
}

/** Timers short enough for a run of minutes, windows wider than a crash's downtime. */
export const CHAOS_ENV: Record<string, string> = {
  PASSWORD_SCRYPT_N: '1024',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  RATE_LIMIT_SIGNUP_PER_SECOND: '1000',
  RATE_LIMIT_SIGNUP_BURST: '10000',
  RESERVATION_TTL_SECONDS: '180',
  RELEASE_EXPIRED_EVERY_SECONDS: '5',
  RECONCILE_AFTER_SECONDS: '120',
  RECONCILE_EVERY_SECONDS: '15',
  RETRY_REFUNDS_EVERY_SECONDS: '5',
  STRIPE_TIMEOUT_MS: '3000',
  STRIPE_TEST_HANG_MS: '6000',
  BAZAAR_SFN_WAIT_SCALE: '0.05',
};

const CARD_MIX: Array<[CardKind, number]> = [
  ['good', 0.7],
  ['declining', 0.15],
  ['flaky', 0.15],
];

/** The whole run: workload under faults and crashes, settle, audit. */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const random = prng(options.seed);
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'bazaar-chaos-'));
  const port = await freePort();
  const target: Target = { url: `http://127.0.0.1:${port}` };
  const faults = everyFault(options.faultRate);
  const faultsByKind = new Map<string, number>();
  let lifeInjected = new Map<string, number>();
  let platform: PlatformProcess | undefined;
  let crashCount = 0;
  const start = async (seed: 'small' | 'none') => {
    platform = await startPlatformProcess({
      port,
      dataDir,
      seed,
      faultSeed: options.seed,
      env: CHAOS_ENV,
      onOutput: (text) => appendFileSync(join(dataDir, 'platform.log'), text),
    });
    target.url = platform.url.replace('localhost', '127.0.0.1');
  };
  const bankInjected = () => {
    for (const [kind, count] of lifeInjected) faultsByKind.set(kind, (faultsByKind.get(kind) ?? 0) + count);
    lifeInjected = new Map();
  };
  log(`chaos: seed ${options.seed} (replay with --seed ${options.seed}), data dir ${dataDir}`);
  try {
    await start('none');
    log(`platform up in ${(platform!.startupMs / 1000).toFixed(1)} s`);
    const meanQuantity = 1.5;
    const stockEach = Math.ceil((options.shoppers * meanQuantity * 0.9) / options.hotProducts);
    const products = await createHotProducts(target, options.hotProducts, stockEach);
    const shoppers = await prepareShoppers(target, options, products, random);
    log(`${shoppers.length} shoppers ready on ${products.length} hot products of ${stockEach} units each`);

    const crashPoints = Array.from({ length: options.crashes }, () =>
      Math.floor(options.shoppers * (0.15 + 0.7 * random())),
    ).sort((a, b) => a - b);
    log(
      `fault schedule: ${faults.length} kinds at ${options.faultRate}; crashes after orders ${crashPoints.join(', ') || 'none'}`,
    );
    await armFaults(target, faults);

    const { outcomes, crashes, workloadSeconds } = await shop(shoppers, crashPoints, random, options, {
      target,
      crashAndRestart: async (placed) => {
        const killedAt = Date.now();
        bankInjected();
        await platform!.crash();
        log(`crash ${crashCount + 1}: SIGKILL after ${placed} orders; restarting on ${dataDir}`);
        await start('none');
        await armFaults(target, faults);
        crashCount++;
        log(`  back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
        return { afterOrders: placed, killedAt, readyAt: Date.now() };
      },
      pollInjected: async () => {
        lifeInjected = (await faultsInjected(target)) ?? lifeInjected;
      },
    });
    lifeInjected = (await faultsInjected(target)) ?? lifeInjected;
    bankInjected();
    await disarmFaults(target);
    log(`workload done in ${workloadSeconds.toFixed(1)} s; settling`);

    const placedOutcomes = outcomes.filter((outcome) => outcome.orderId);
    log(`${placedOutcomes.length} orders placed; waiting for them to settle`);
    const audit = await settleAndAudit(target, placedOutcomes, (options.quietSeconds ?? 60) * 1000, log);
    // Awaited here: the orders are read from the platform, which `finally` stops.
    return await summarize({
      options,
      outcomes,
      placedOutcomes,
      audit,
      crashes,
      faultsByKind,
      workloadSeconds,
      target,
    });
  } finally {
    log('stopping the platform');
    await platform?.stop();
    log('platform stopped');
    if (ownDir && !process.env.CHAOS_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Lives {
  target: Target;
  crashAndRestart(placed: number): Promise<Crash>;
  pollInjected(): Promise<void>;
}

/**
 * The shoppers check out, `concurrency` at a time, while a monitor polls the faults injected
 * and kills and restarts the platform as the placed orders pass each crash point.
 */
async function shop(
  shoppers: Shopper[],
  crashPoints: number[],
  random: () => number,
  options: ChaosOptions,
  lives: Lives,
): Promise<{ outcomes: ShopperOutcome[]; crashes: Crash[]; workloadSeconds: number }> {
  const crashes: Crash[] = [];
  const outcomes: ShopperOutcome[] = [];
  let placed = 0;
  let running = true;
  const started = Date.now();
  const deadline = started + 10 * 60_000;
  const monitor = (async () => {
    while (running) {
      await lives.pollInjected();
      if (crashes.length < crashPoints.length && placed >= crashPoints[crashes.length]!) {
        crashes.push(await lives.crashAndRestart(placed));
      }
      await sleep(250);
    }
  })();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < shoppers.length) {
        const shopper = shoppers[next++]!;
        const outcome = await checkout(lives.target, shopper, deadline);
        outcomes.push(outcome);
        if (outcome.orderId) placed++;
        if (outcome.orderId && shopper.cancels) {
          await sleep(random() * 2000);
          // A buyer gives up on a cancel after a minute (the audit still checks the order).
          await cancel(lives.target, outcome, Math.min(deadline, Date.now() + 60_000));
        }
      }
    }),
  );
  const workloadSeconds = (Date.now() - started) / 1000;
  // Crashes not reached yet happen now, so every run has its kills.
  for (let i = crashes.length; i < crashPoints.length; i++) crashPoints[i] = placed;
  while (crashes.length < crashPoints.length) await sleep(250);
  running = false;
  await monitor;
  return { outcomes, crashes, workloadSeconds };
}

async function prepareShoppers(
  target: Target,
  options: ChaosOptions,
  products: string[],
  random: () => number,
): Promise<Shopper[]> {
  const choices = Array.from({ length: options.shoppers }, () => {
    const draw = random();
    let cumulative = 0;
    const card =
      CARD_MIX.find(([, share]) => {
        cumulative += share;
        return draw < cumulative;
      })?.[0] ?? 'good';
    return {
      card,
      productId: products[Math.floor(random() * products.length)]!,
      quantity: random() < 0.5 ? 1 : 2,
      cancels: random() < options.cancelRate,
    };
  });
  const shoppers: Shopper[] = [];
  for (let i = 0; i < choices.length; i += 10) {
    shoppers.push(
      ...(await Promise.all(
        choices.slice(i, i + 10).map((choice, j) => prepareShopper(target, i + j, choice)),
      )),
    );
  }
  return shoppers;
}

const SCHEDULES = ['ReconcilePendingOrders', 'ReleaseExpiredReservations', 'RetryRequestedRefunds'];

/**
 * Lets the platform finish on its own first (executions resume, the bus redelivers); then runs
 * the reconciler on what is left, and audits until the books balance or the time is up.
 */
async function settleAndAudit(
  target: Target,
  placed: ShopperOutcome[],
  quietMs: number,
  log: (line: string) => void,
): Promise<AuditReport> {
  const quietBy = Date.now() + quietMs;
  while (Date.now() < quietBy) {
    const statuses = await Promise.all(
      placed.map((outcome) =>
        orderOf(target, outcome, quietBy + 30_000).catch(() => ({ status: 'pending' })),
      ),
    );
    const pending = statuses.filter((order) => order.status === 'pending').length;
    if (pending === 0) break;
    log(`  ${pending} orders still pending`);
    await sleep(3000);
  }
  let report: AuditReport | undefined;
  const auditBy = Date.now() + quietMs;
  for (let round = 0; ; round++) {
    // Round 0 waits out nothing: what the reconciler would do at its window, it does now.
    for (const schedule of SCHEDULES) {
      await call(target, 'POST', `/_local/schedules/${schedule}/run`, {
        body: schedule === 'ReconcilePendingOrders' ? { older_than_seconds: 0 } : {},
        timeoutMs: 60_000,
      }).catch(() => undefined);
    }
    log(`  schedules run (round ${round + 1}); auditing`);
    const answer = await call(target, 'GET', '/_local/audit', { timeoutMs: 60_000 });
    report = answer.body as unknown as AuditReport;
    if (report.violations === 0 || Date.now() > auditBy) break;
    if (round === 0) {
      const failing = report.checks.filter((check) => check.violations > 0);
      log(
        `audit found ${failing.map((check) => `${check.name} ${check.violations}`).join(', ')}; letting deliveries finish`,
      );
      for (const check of failing) for (const example of check.examples) log(`  ${check.name}: ${example}`);
    }
    await sleep(2000);
  }
  return report!;
}

function summarize(input: {
  options: ChaosOptions;
  outcomes: ShopperOutcome[];
  placedOutcomes: ShopperOutcome[];
  audit: AuditReport;
  crashes: Crash[];
  faultsByKind: Map<string, number>;
  workloadSeconds: number;
  target: Target;
}): Promise<ChaosResult> {
  return (async () => {
    const statuses = new Map<string, number>();
    const lostSales: string[] = [];
    const expiredInOutage: string[] = [];
    const readBy = Date.now() + 30_000;
    const orders = await Promise.all(
      input.placedOutcomes.map((outcome) =>
        orderOf(input.target, outcome, readBy).catch((error: Error) => ({
          status: 'unread',
          failure_reason: error.message,
        })),
      ),
    );
    for (const [i, outcome] of input.placedOutcomes.entries()) {
      const order = orders[i]!;
      statuses.set(order.status, (statuses.get(order.status) ?? 0) + 1);
      if (order.failure_reason === 'RESERVATION_EXPIRED') {
        expiredInOutage.push(outcome.orderId!);
        continue;
      }
      const couldPay = outcome.shopper.card !== 'declining' && !outcome.cancelRequested;
      const stockGone = order.failure_reason === 'OUT_OF_STOCK';
      if (couldPay && !stockGone && order.status !== 'paid') {
        lostSales.push(
          `${outcome.orderId} (${outcome.shopper.card}): ${order.status} ${order.failure_reason ?? ''}`.trim(),
        );
      }
    }
    let worst = 0;
    let retryingBuyers = 0;
    for (const outcome of input.placedOutcomes) {
      if (!outcome.retried) continue;
      retryingBuyers++;
      const interrupted = input.crashes.filter(
        (crash) => crash.killedAt >= outcome.firstAttemptAt && crash.killedAt <= outcome.orderAt!,
      );
      const restart = interrupted.at(-1);
      if (restart) worst = Math.max(worst, outcome.orderAt! - restart.readyAt);
    }
    return {
      seed: input.options.seed,
      orders: input.placedOutcomes.length,
      faults: [...input.faultsByKind.values()].reduce((a, b) => a + b, 0),
      faultsByKind: input.faultsByKind,
      crashes: input.crashes,
      audit: input.audit,
      statuses,
      lostSales,
      expiredInOutage,
      worstRetryAfterRestartMs: worst,
      retryingBuyers,
      rejected: input.outcomes.filter((outcome) => outcome.rejected).map((outcome) => outcome.rejected!),
      workloadSeconds: input.workloadSeconds,
    };
  })();
}
