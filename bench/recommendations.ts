/**
 * Recommendations on a large history, against DynamoDB Local: 100,000 products and 100,000
 * paid orders' co-purchase and best-seller counts, then the latency of "bought together" and
 * "based on your browsing" (the service functions the handlers call, over real tables).
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/recommendations.ts [--products 100000] [--orders 100000] [--queries 300]
 */
import '../local/polyfills';

process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CATEGORY_SLUGS, departmentOf } from '../functions/catalog/categories';
import { tableById } from '../functions/manifest';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTables, localTableName } from '../local/tables';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeAll(
  doc: DynamoDBDocumentClient,
  table: string,
  items: Array<Record<string, unknown>>,
  label: string,
) {
  const started = performance.now();
  const chunks: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < chunks.length) {
        let pending: Array<Record<string, unknown>> | undefined = chunks[next++]!.map((Item) => ({
          PutRequest: { Item },
        }));
        while (pending?.length) {
          const result = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = result.UnprocessedItems?.[table] as typeof pending;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `loaded ${items.length} ${label} in ${seconds.toFixed(1)} s (${(items.length / seconds).toFixed(0)}/s)`,
  );
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`;
}

async function main(): Promise<void> {
  const productCount = argument('products', 100_000);
  const orderCount = argument('orders', 100_000);
  const queries = argument('queries', 300);
  const dynamo = await startDynamoDbLocal();
  try {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    const productsTable = localTableName(tableById('products'));
    const recsTable = localTableName(tableById('recommendations'));
    const ordersTable = localTableName(tableById('orders'));
    process.env.PRODUCTS_TABLE_NAME = productsTable;
    process.env.RECOMMENDATIONS_TABLE_NAME = recsTable;
    process.env.ORDERS_TABLE_NAME = ordersTable;
    await ensureTables(
      new DynamoDBClient({}),
      [tableById('products'), tableById('recommendations'), tableById('orders')],
      localTableName,
    );
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });

    const rand = random(7);
    const ids = Array.from({ length: productCount }, (_, i) => `prod_BENCH${String(i).padStart(21, '0')}`);
    const categoryOf = (i: number) => CATEGORY_SLUGS[i % CATEGORY_SLUGS.length]!;
    await writeAll(
      doc,
      productsTable,
      ids.map((productId, i) => ({
        pk: `PRODUCT#${productId}`,
        sk: 'PRODUCT',
        type: 'PRODUCT',
        product_id: productId,
        seller_id: 'usr_BENCH',
        title: `Bench product ${i}`,
        description: '',
        category: categoryOf(i),
        price_cents: 1000 + (i % 9000),
        currency: 'USD',
        images: [],
        stock_status: 'in_stock',
        listing: 'active',
        status: 'active',
        version: 1,
        stock_version: 1,
        rating_version: 0,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })),
      'products',
    );

    // Orders of 1–4 items with popularity skewed towards a head of products, as shops are.
    const pick = () => Math.floor(productCount * rand() ** 3);
    const counts = new Map<string, Map<string, number>>();
    const bump = (scopeKey: string, productId: string, by: number) => {
      const scope = counts.get(scopeKey) ?? new Map<string, number>();
      scope.set(productId, (scope.get(productId) ?? 0) + by);
      counts.set(scopeKey, scope);
    };
    for (let o = 0; o < orderCount; o++) {
      const size = 1 + Math.floor(rand() * 4);
      const items = [...new Set(Array.from({ length: size }, pick))];
      for (const a of items) {
        for (const b of items) if (a !== b) bump(`PAIR#${ids[a]}`, ids[b]!, 1);
        bump('BEST#ALL', ids[a]!, 1);
        bump(`BEST#${categoryOf(a)}`, ids[a]!, 1);
        bump(`BEST#${departmentOf(categoryOf(a))}`, ids[a]!, 1);
      }
    }
    const counters: Array<Record<string, unknown>> = [];
    for (const [scopeKey, products] of counts) {
      for (const [productId, score] of products)
        counters.push({
          pk: scopeKey,
          sk: `P#${productId}`,
          product_id: productId,
          score,
          score_scope: scopeKey,
        });
    }
    console.log(`${orderCount} orders → ${counters.length} counters in ${counts.size} scopes`);
    await writeAll(doc, recsTable, counters, 'counters');

    const { recommendationsDeps } = await import('../functions/recommendations/deps');
    const { boughtTogether, forShopper, recordView } = await import('../functions/recommendations/service');
    const deps = recommendationsDeps();
    const shoppers = Array.from({ length: 50 }, (_, i) => `usr_SHOPPER${i}`);
    for (const shopper of shoppers) {
      for (let v = 0; v < 10; v++) await recordView(shopper, ids[pick()]!, v % 3 === 0 ? 3 : 1, deps);
    }

    for (const [label, run] of [
      ['bought together (limit 10)', (n: number) => boughtTogether(ids[pick()]!, 10, deps).then(() => n)],
      [
        'based on your browsing (limit 10)',
        (n: number) => forShopper(shoppers[n % shoppers.length], { limit: 10 }, deps),
      ],
      [
        'best sellers of a category (new shopper)',
        (n: number) => forShopper(undefined, { limit: 10, category: categoryOf(n) }, deps),
      ],
    ] as const) {
      for (let warm = 0; warm < 20; warm++) await run(warm);
      const samples: number[] = [];
      for (let n = 0; n < queries; n++) {
        const started = performance.now();
        await run(n);
        samples.push(performance.now() - started);
      }
      console.log(`${label}: ${percentiles(samples)} over ${queries} queries`);
    }
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
