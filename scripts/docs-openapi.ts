import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OPENAPI_COMMAND, renderOpenApiFiles } from './openapi-files';

/**
 * `npm run docs:openapi`: writes docs/openapi.json and web/src/api/schema.d.ts from the routes
 * manifest. With `--check` it writes nothing and exits 1 naming each file that is out of date.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const root = join(__dirname, '..');
  const files = await renderOpenApiFiles();
  const stale = Object.entries(files).filter(([path, text]) => {
    const target = join(root, path);
    return !existsSync(target) || readFileSync(target, 'utf8') !== text;
  });
  if (check) {
    for (const [path] of stale) {
      console.error(
        `${path} is out of date with the routes manifest: run \`${OPENAPI_COMMAND}\` and commit it`,
      );
    }
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  for (const [path, text] of stale) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`Wrote ${path}`);
  }
  if (!stale.length) console.log('docs/openapi.json and the storefront schema are up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
