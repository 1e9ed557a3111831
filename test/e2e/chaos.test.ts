import { formatReport } from '../../local/audit';
import { runChaos } from '../../local/chaos/chaos';
import { killAllPlatforms } from '../../local/chaos/platform-process';
import { chaosTable } from '../../local/chaos/run';

/**
 * `npm run chaos` in small: about 40 orders on its own platform and data dir, every fault kind
 * at 5%, one SIGKILL and restart mid-checkout; then the audit must find the books balanced.
 */
describe('chaos: faults and a crash, then the audit', () => {
  // A run cut off by the timeout must not leave its platform behind.
  afterAll(() => killAllPlatforms());

  it('ends with 0 invariant violations', async () => {
    const lines: string[] = [];
    const result = await runChaos({
      shoppers: 40,
      faultRate: 0.05,
      crashes: 1,
      seed: Number(process.env.CHAOS_SEED ?? 20261202),
      hotProducts: 2,
      concurrency: 20,
      cancelRate: 0.1,
      quietSeconds: 20,
      log: (line) => {
        lines.push(line);
        if (process.env.E2E_VERBOSE) process.stderr.write(`${line}\n`);
      },
    });
    const summary = `${lines.join('\n')}\n${formatReport(result.audit)}\n${chaosTable(result)}`;
    expect({ violations: result.audit.violations, summary }).toEqual({ violations: 0, summary });
    expect(result.crashes).toHaveLength(1);
    // Every shopper was answered: an order, or a refusal such as the stock running out (never a give-up).
    expect(result.orders + result.rejected.length).toBe(40);
    expect(result.rejected.filter((reason) => reason.includes('gave up'))).toEqual([]);
    expect(result.orders).toBeGreaterThan(0);
    // Every order's outcome was read back from the running platform, and every payable one was paid.
    expect(result.statuses.get('unread') ?? 0).toBe(0);
    expect(result.lostSales).toEqual([]);
    expect(result.faults).toBeGreaterThan(0);
    // About a minute on an idle machine (start, a 13 s restart, settling); the bound leaves room for a busy one.
  }, 240_000);
});
