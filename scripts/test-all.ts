import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { combinedLine, jestTier, playwrightTier, type TierResult } from './test-results';

/**
 * `npm test`: every tier, jest's (unit, integration, e2e, infra) then the browser tier's
 * (Playwright), each run whatever the other did. Prints one line for both and keeps it in
 * `.test-results.json` for `.ci/run`; exits non-zero when either failed.
 */
const ROOT = join(__dirname, '..');
const JEST_RESULTS = join(ROOT, '.jest-results.json');
const PLAYWRIGHT_RESULTS = join(ROOT, '.playwright-results.json');
const COMBINED_RESULTS = join(ROOT, '.test-results.json');

if (process.argv.length > 2) {
  console.error(
    'npm test runs every test and takes no arguments. One tier: npm run test:unit (or test:integration, ' +
      'test:e2e, test:infra, test:browser); one file: npx jest <file> --selectProjects <tier>, ' +
      'npx playwright test <file>.',
  );
  process.exit(2);
}

for (const file of [JEST_RESULTS, PLAYWRIGHT_RESULTS, COMBINED_RESULTS]) rmSync(file, { force: true });

function run(bin: string, args: string[]): { exitCode: number | null; seconds: number } {
  const started = Date.now();
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', bin), args, { cwd: ROOT, stdio: 'inherit' });
  if (result.error) console.error(`${bin} did not run: ${result.error.message}`);
  return { exitCode: result.status, seconds: (Date.now() - started) / 1000 };
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

const jest = run('jest', []);
const browser = run('playwright', ['test']);

const tiers: TierResult[] = [
  jestTier(readJson(JEST_RESULTS), jest.exitCode),
  playwrightTier(readJson(PLAYWRIGHT_RESULTS), browser.exitCode),
];
const line = combinedLine(tiers);
const success = tiers.every((tier) => tier.failed === 0);
writeFileSync(COMBINED_RESULTS, JSON.stringify({ line, success, tiers }));
console.log(
  `jest: ${tiers[0]!.passed} passed, ${tiers[0]!.failed} failed in ${jest.seconds.toFixed(0)} s; ` +
    `browser: ${tiers[1]!.passed} passed, ${tiers[1]!.failed} failed in ${browser.seconds.toFixed(0)} s`,
);
console.log(line);
process.exit(success ? 0 : 1);
