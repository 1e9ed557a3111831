/**
 * `npm run chaos`: shoppers on a few hot products (good, declining and flaky cards; some
 * cancel) while every kind of fault fires and the platform is SIGKILLed and restarted on its
 * data dir; then the reconciler settles what is left and the audit checks the books.
 *
 *   npm run chaos -- [--shoppers 300] [--fault-rate 0.05] [--crashes 3] [--seed N]
 *                    [--products 3] [--concurrency 30] [--cancel-rate 0.1] [--data-dir DIR]
 *
 * Ends with `chaos: <N> orders, <F> faults injected, <C> crashes, <V> invariant violations`;
 * exits 1 on any violation or lost sale.
 */
import '../polyfills';
import { formatReport } from '../audit';
import { type ChaosResult, runChaos } from './chaos';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function numberOption(name: string, fallback: number): number {
  const text = option(name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}

export function chaosTable(result: ChaosResult): string {
  const rows: Array<[string, string]> = [
    ['seed', String(result.seed)],
    ['orders placed', String(result.orders)],
    ...[...result.statuses].map(([status, count]): [string, string] => [`  ${status}`, String(count)]),
    ['checkouts refused (4xx)', String(result.rejected.length)],
    ['faults injected', String(result.faults)],
    ...[...result.faultsByKind].map(([kind, count]): [string, string] => [`  ${kind}`, String(count)]),
    ['crashes (SIGKILL)', String(result.crashes.length)],
    ...result.crashes.map((crash, i): [string, string] => [
      `  crash ${i + 1}`,
      `after ${crash.afterOrders} orders, down ${((crash.readyAt - crash.killedAt) / 1000).toFixed(1)} s`,
    ]),
    ['orders/s under faults', (result.orders / result.workloadSeconds).toFixed(2)],
    ['lost sales (payable, not paid)', String(result.lostSales.length)],
    ['reservations expired in an outage', String(result.expiredInOutage.length)],
    ['buyers who retried', String(result.retryingBuyers)],
    [
      'worst order after a restart',
      `${(result.worstRetryAfterRestartMs / 1000).toFixed(1)} s (target ≤ 60 s)`,
    ],
    ['invariant violations', String(result.audit.violations)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

async function main(): Promise<void> {
  const result = await runChaos({
    shoppers: numberOption('shoppers', 300),
    faultRate: numberOption('fault-rate', 0.05),
    crashes: numberOption('crashes', 3),
    seed: numberOption('seed', Math.floor(Math.random() * 2 ** 31)),
    hotProducts: Math.max(1, numberOption('products', 3)),
    concurrency: Math.max(1, numberOption('concurrency', 30)),
    cancelRate: numberOption('cancel-rate', 0.1),
    quietSeconds: numberOption('settle-seconds', 60),
    dataDir: option('data-dir'),
  });
  console.log(`\n${formatReport(result.audit)}\n`);
  console.log(chaosTable(result));
  for (const line of result.lostSales.slice(0, 10)) console.log(`  lost sale: ${line}`);
  for (const line of result.expiredInOutage.slice(0, 10)) console.log(`  expired in an outage: ${line}`);
  console.log(
    `chaos: ${result.orders} orders, ${result.faults} faults injected, ${result.crashes.length} crashes, ${result.audit.violations} invariant violations`,
  );
  process.exit(result.audit.violations === 0 && result.lostSales.length === 0 ? 0 : 1);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(2);
  });
}
