import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_PATH, renderEventCatalog } from './events-catalog';

/** `npm run docs:events`: writes docs/events.md from the event declarations and the manifests. */
async function main(): Promise<void> {
  const target = join(__dirname, '..', CATALOG_PATH);
  writeFileSync(target, await renderEventCatalog());
  console.log(`Wrote ${CATALOG_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
