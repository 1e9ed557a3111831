/** One tier of `npm test` as its result file tells it. */
export interface TierResult {
  tier: string;
  passed: number;
  failed: number;
}

/**
 * Jest's tier from the summary reporter's `.jest-results.json` (`{ line: 'N passed, N failed' }`).
 * A run that left no file, or that exited non-zero with no failed test (a global setup or
 * teardown that threw), counts one failure: the line must never say all is well when it is not.
 */
export function jestTier(report: { line?: string } | undefined, exitCode: number | null): TierResult {
  const match = /^(\d+) passed, (\d+) failed$/.exec(report?.line ?? '');
  const passed = match ? Number(match[1]) : 0;
  const failed = match ? Number(match[2]) : 0;
  return { tier: 'jest', passed, failed: atLeastOneWhenBroken(failed, exitCode, !match) };
}

/** What the tier needs of Playwright's JSON report. */
export interface PlaywrightReport {
  stats?: { expected?: number; unexpected?: number; flaky?: number };
  /** Errors outside any test: a global setup that threw (chromium missing, no platform). */
  errors?: unknown[];
}

/** The browser tier from `.playwright-results.json`; the same rule as jest's for a broken run. */
export function playwrightTier(report: PlaywrightReport | undefined, exitCode: number | null): TierResult {
  const stats = report?.stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  const failed = (stats?.unexpected ?? 0) + (report?.errors?.length ?? 0);
  return { tier: 'browser', passed, failed: atLeastOneWhenBroken(failed, exitCode, !stats) };
}

function atLeastOneWhenBroken(failed: number, exitCode: number | null, noReport: boolean): number {
  return failed === 0 && (noReport || exitCode !== 0) ? 1 : failed;
}

/** The one line CI prints: every tier's tests together. */
export function combinedLine(tiers: TierResult[]): string {
  const passed = tiers.reduce((sum, tier) => sum + tier.passed, 0);
  const failed = tiers.reduce((sum, tier) => sum + tier.failed, 0);
  return `${passed} passed, ${failed} failed`;
}
