import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { STOREFRONT_DIST } from '../../scripts/storefront-build';

/**
 * The budget: each shopper route's initial JavaScript is at most 200 KB gzip. The
 * platform this tier started has built the storefront; Vite's manifest says which chunks a
 * route loads before it can show anything: the entry, the route's page chunk, and every
 * chunk either imports statically (dynamic imports load later, on demand).
 */
const BUDGET_BYTES = 200 * 1024;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

const manifest = JSON.parse(readFileSync(join(STOREFRONT_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;

function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

function gzipBytes(keys: Set<string>): number {
  let total = 0;
  for (const key of keys) total += gzipSync(readFileSync(join(STOREFRONT_DIST, manifest[key]!.file))).length;
  return total;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
const shopperPages = Object.keys(manifest).filter((key) => /pages\/shop\/[^/]+\.tsx$/.test(key));

describe('the storefront’s initial JavaScript per shopper route', () => {
  it('finds the entry and every shopper page in Vite’s manifest', () => {
    expect(entryKey).toBeDefined();
    expect(shopperPages.map((key) => key.replace(/^.*pages\/shop\//, ''))).toEqual(
      expect.arrayContaining([
        'home.tsx',
        'search.tsx',
        'product.tsx',
        'cart.tsx',
        'checkout.tsx',
        'order.tsx',
      ]),
    );
  });

  it('bundles React’s production build, whatever NODE_ENV the build ran under (jest sets test)', () => {
    const entry = readFileSync(join(STOREFRONT_DIST, manifest[entryKey]!.file), 'utf8');
    // A function only React's development build has (it warns about unsafe lifecycles).
    expect(entry).not.toContain('recordUnsafeLifecycleWarnings');
  });

  it.each(shopperPages)('%s loads at most 200 KB gzip before it shows', (page) => {
    const initial = staticClosure(page, staticClosure(entryKey));
    const bytes = gzipBytes(initial);
    console.log(`${page}: ${(bytes / 1024).toFixed(1)} KB gzip in ${initial.size} chunks`);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
