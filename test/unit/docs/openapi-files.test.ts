import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * The check runs as its own process: openapi-typescript is ESM only, which jest's CommonJS
 * runtime does not load, and the check is what CI and a developer run anyway.
 */
function runCheck() {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/docs-openapi.ts', '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('the generated OpenAPI document and storefront types', () => {
  it('docs/openapi.json and web/src/api/schema.d.ts say what the routes manifest says', () => {
    const check = runCheck();
    // The check's own message names the stale file and the command that rewrites it.
    if (check.status !== 0) throw new Error(check.stderr || `the check exited ${check.status}`);
    expect(check.status).toBe(0);
  }, 120_000);
});
