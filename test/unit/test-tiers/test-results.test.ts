import { combinedLine, jestTier, playwrightTier } from '../../../scripts/test-results';

describe('npm test’s one line for jest and the browser tier', () => {
  it('adds both tiers’ passed and failed tests', () => {
    const jest = jestTier({ line: '812 passed, 1 failed' }, 1);
    const browser = playwrightTier({ stats: { expected: 9, unexpected: 2, flaky: 1 }, errors: [] }, 1);
    expect(jest).toEqual({ tier: 'jest', passed: 812, failed: 1 });
    expect(browser).toEqual({ tier: 'browser', passed: 10, failed: 2 });
    expect(combinedLine([jest, browser])).toBe('822 passed, 3 failed');
  });

  it('counts a browser run whose global setup threw (no chromium, no platform) as failed', () => {
    const browser = playwrightTier(
      { stats: { expected: 0, unexpected: 0, flaky: 0 }, errors: [{ message: 'Chromium is missing' }] },
      1,
    );
    expect(browser.failed).toBe(1);
  });

  it('counts a tier that left no result file as one failure', () => {
    expect(jestTier(undefined, null).failed).toBe(1);
    expect(playwrightTier(undefined, 1).failed).toBe(1);
  });

  it('counts a tier that exited non-zero with every test passed as one failure', () => {
    expect(jestTier({ line: '40 passed, 0 failed' }, 1)).toEqual({ tier: 'jest', passed: 40, failed: 1 });
    expect(playwrightTier({ stats: { expected: 3, unexpected: 0 } }, 1).failed).toBe(1);
  });

  it('passes when both tiers ran clean', () => {
    const tiers = [
      jestTier({ line: '40 passed, 0 failed' }, 0),
      playwrightTier({ stats: { expected: 3, unexpected: 0, flaky: 0 }, errors: [] }, 0),
    ];
    expect(combinedLine(tiers)).toBe('43 passed, 0 failed');
  });
});
