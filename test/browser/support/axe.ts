import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

/** The impacts that fail a page; minor and moderate ones are reported, not fatal. */
const FATAL_IMPACTS = new Set(['serious', 'critical']);

export interface AxeCheckOptions {
  /** CSS selectors to leave out (a third-party widget the page does not control). */
  exclude?: string[];
}

/**
 * Runs axe (every rule it has: WCAG 2.x A/AA and its best practices) on the page as it is now,
 * attaches the full results to the test, and throws when a violation is serious or critical,
 * listing each rule, what it asks, and the elements that break it.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  testInfo: TestInfo,
  options: AxeCheckOptions = {},
): Promise<AxeResults> {
  let builder = new AxeBuilder({ page });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  await testInfo.attach(`axe ${new URL(page.url()).pathname}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const fatal = results.violations.filter((violation) => FATAL_IMPACTS.has(violation.impact ?? ''));
  if (fatal.length > 0) throw new Error(describeViolations(page.url(), fatal));
  return results;
}

/** A readable list: one block per rule, one line per element (at most five). */
export function describeViolations(url: string, violations: Violation[]): string {
  const blocks = violations.map((violation) => {
    const nodes = violation.nodes.slice(0, 5).map((node) => {
      const why = node.failureSummary?.replace(/\s*\n\s*/g, ' ') ?? '';
      return `    - ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${why}`;
    });
    const more = violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more`] : [];
    return [
      `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
      ...nodes,
      ...more,
    ].join('\n');
  });
  return `${violations.length} serious or critical accessibility violation(s) on ${url}:\n${blocks.join('\n')}`;
}
