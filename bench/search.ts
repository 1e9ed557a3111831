/**
 * Embedded search engine benchmark: build time, memory and query latencies over a generated
 * catalog. Prints figures; asserts nothing.
 *
 *   npx tsx --expose-gc bench/search.ts [--products 100000] [--queries 300] [--seed 7]
 *
 * Without --expose-gc the memory figures include garbage not yet collected.
 */

import { CATEGORY_TREE } from '../functions/catalog/categories';
import { EmbeddedSearchIndex } from '../functions/search/embedded/embedded-search-index';
import type { SearchDocument, SearchQuery } from '../functions/search/search-index';
import { type GeneratedProduct, generateCatalog } from '../local/seed/catalog-generator';

const LOW_STOCK_THRESHOLD = 10;
const BUILD_BATCH_SIZE = 1_000;

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/** A generated product as the search service would index it. */
function toSearchDocument(product: GeneratedProduct): SearchDocument {
  return {
    product_id: product.product_id,
    seller_id: product.seller_id,
    title: product.title,
    description: product.description,
    category: product.category,
    price_cents: Math.round(product.price * 100),
    compare_at_price_cents:
      product.compare_at_price === null ? null : Math.round(product.compare_at_price * 100),
    currency: product.currency,
    image_url: product.images[0] ?? null,
    avg_rating: product.avg_rating,
    review_count: product.review_count,
    stock_status:
      product.stock === 0 ? 'out_of_stock' : product.stock <= LOW_STOCK_THRESHOLD ? 'low_stock' : 'in_stock',
    created_at: product.created_at,
    updated_at: product.updated_at,
    version: 1,
    stock_version: 1,
    rating_version: 1,
  };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const milliseconds = (ms: number) => `${ms.toFixed(2)} ms`;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** A small deterministic PRNG so every run asks the same queries. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

async function measure(
  label: string,
  count: number,
  run: (iteration: number) => Promise<unknown>,
): Promise<void> {
  for (let warmUp = 0; warmUp < Math.min(20, count); warmUp++) await run(warmUp);
  const timings: number[] = [];
  for (let iteration = 0; iteration < count; iteration++) {
    const started = performance.now();
    await run(iteration);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const mean = timings.reduce((sum, value) => sum + value, 0) / timings.length;
  console.log(
    `${label.padEnd(44)} p50 ${milliseconds(percentile(timings, 0.5)).padStart(9)}  p95 ${milliseconds(
      percentile(timings, 0.95),
    ).padStart(
      9,
    )}  p99 ${milliseconds(percentile(timings, 0.99)).padStart(9)}  mean ${milliseconds(mean).padStart(9)}`,
  );
}

const TERM_QUERIES = [
  'wireless headphones',
  'wireless mouse',
  'wireless charger',
  'coffee',
  'yoga mat',
  'lego',
  'hedphones',
  'stainless steel',
  'organic green tea',
  'running shoes',
  'noise cancelling headphones',
  'dark roast coffee',
  'mens cotton t-shirt',
  'waterproof',
  'leather wallet',
  'gaming laptop',
  'cast iron skillet',
  'kids',
  'black',
  'set of 2',
];
const BROAD_TERMS = [
  'wireless',
  'black',
  'organic',
  'set',
  'stainless steel',
  'coffee',
  'leather',
  'waterproof',
  'gift',
];
const SUGGEST_PREFIXES = [
  'w',
  'wi',
  'wire',
  'wireless h',
  'co',
  'coff',
  'yo',
  'yoga',
  'le',
  'lego c',
  'sta',
  'run',
  'hea',
];
const CATEGORIES = CATEGORY_TREE.flatMap((department) => [
  department.slug,
  ...department.children.map((c) => c.slug),
]);
const DEPARTMENTS = CATEGORY_TREE.map((department) => department.slug);

async function main(): Promise<void> {
  const productCount = argument('products', 100_000);
  const queryCount = argument('queries', 300);
  const seed = argument('seed', 7);
  const sellerIds = Array.from({ length: 200 }, (_, index) => `usr_seller${String(index).padStart(4, '0')}`);
  if (!(globalThis as { gc?: unknown }).gc) {
    console.log('note: run with NODE_OPTIONS=--expose-gc for exact memory figures');
  }

  console.log(`Embedded search benchmark: ${productCount.toLocaleString('en-US')} products, seed ${seed}`);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;

  const generateStarted = performance.now();
  let documents: SearchDocument[] = Array.from(
    generateCatalog({ count: productCount, seed, sellerIds }),
    toSearchDocument,
  );
  const generatingMs = performance.now() - generateStarted;

  const index = new EmbeddedSearchIndex();
  const buildStarted = performance.now();
  for (let start = 0; start < documents.length; start += BUILD_BATCH_SIZE) {
    await index.upsert(documents.slice(start, start + BUILD_BATCH_SIZE));
  }
  // The first suggestion sorts the phrase list: part of building.
  await index.suggest('a', 1);
  const buildMs = performance.now() - buildStarted;

  // The index copies each document it holds; once the input is dropped, everything still
  // alive since the baseline (strings included) belongs to the index.
  documents = [];
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  const rssAfter = process.memoryUsage().rss;
  console.log(`generate        ${milliseconds(generatingMs)} (not part of the build)`);
  console.log(
    `build           ${milliseconds(buildMs)}, ${Math.round((productCount / buildMs) * 1000).toLocaleString('en-US')} docs/s, ${await index.count()} documents, batches of ${BUILD_BATCH_SIZE}`,
  );
  console.log(
    `memory          heapUsed +${megabytes(heapAfter - heapBefore)}, RSS +${megabytes(rssAfter - rssBefore)}`,
  );
  console.log(`queries         ${queryCount} timed per kind, page size 20`);

  const random = sequence(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  await measure('term only (relevance)', queryCount, (iteration) =>
    index.search({
      q: TERM_QUERIES[iteration % TERM_QUERIES.length],
      sort: 'relevance',
      page: 1,
      page_size: 20,
    }),
  );
  // A fresh misspelling each time, so the engine's expansion cache never helps.
  const typoWords = [
    'headphones',
    'wireless',
    'espresso',
    'keyboard',
    'backpack',
    'moisturizer',
    'sneakers',
    'blender',
  ];
  await measure('typo terms (uncached fuzzy expansion)', queryCount, (iteration) => {
    const word = typoWords[iteration % typoWords.length]!;
    const at = 1 + (iteration % (word.length - 2));
    const misspelt = `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}${'x'.repeat(iteration % 3)}`;
    return index.search({ q: misspelt, sort: 'relevance', page: 1, page_size: 20 });
  });
  await measure('term + filters + facets ($1-$1000, no category)', queryCount, () =>
    index.search({
      q: pick(BROAD_TERMS),
      min_price_cents: 100,
      max_price_cents: 100_000,
      min_rating: 3,
      in_stock: true,
      sort: 'relevance',
      page: 1,
      page_size: 20,
    }),
  );
  await measure('term + category + filters + facets', queryCount, () =>
    index.search({
      q: pick(BROAD_TERMS),
      category: pick(DEPARTMENTS),
      min_price_cents: 100,
      max_price_cents: 100_000,
      min_rating: 3,
      in_stock: true,
      sort: pick(['relevance', 'price_asc', 'rating'] as const),
      page: 1,
      page_size: 20,
    }),
  );
  await measure('browse category, price sort, pages 1-5', queryCount, () =>
    index.search({
      category: pick(CATEGORIES),
      sort: 'price_asc',
      page: 1 + Math.floor(random() * 5),
      page_size: 20,
    }),
  );
  await measure('browse everything, wide price, newest', queryCount, () =>
    index.search({ min_price_cents: 100, max_price_cents: 100_000, sort: 'newest', page: 1, page_size: 20 }),
  );
  await measure('suggest (limit 10)', queryCount, (iteration) =>
    index.suggest(SUGGEST_PREFIXES[iteration % SUGGEST_PREFIXES.length]!, 10),
  );

  console.log('\nsample answers');
  const samples: SearchQuery[] = [
    { q: 'wireless headphones', sort: 'relevance', page: 1, page_size: 3 },
    { q: 'hedphones', sort: 'relevance', page: 1, page_size: 3 },
    { q: 'yoga mat', sort: 'relevance', page: 1, page_size: 3 },
    { q: 'lego', category: 'toys', sort: 'price_asc', page: 1, page_size: 3 },
  ];
  for (const query of samples) {
    const page = await index.search(query);
    console.log(`  "${query.q}"${query.category ? ` in ${query.category}` : ''}: ${page.total} matches`);
    for (const result of page.results)
      console.log(`    ${result.title} ($${(result.price_cents / 100).toFixed(2)})`);
  }
  for (const prefix of ['wire', 'coff', 'lego']) {
    console.log(`  suggest "${prefix}": ${(await index.suggest(prefix, 5)).join(' | ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
