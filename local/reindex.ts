/**
 * `npm run reindex`: rebuilds the search index from the products table, with progress.
 *  - OpenSearch (OPENSEARCH_ENDPOINT and PRODUCTS_TABLE_NAME set, AWS credentials in the
 *    environment): scans the table and bulk-indexes directly.
 *  - The embedded engine lives inside the running local platform, so this asks it to
 *    rebuild (PORT, default 3000) and prints its progress.
 */
import './polyfills';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

async function main(): Promise<void> {
  if (process.env.OPENSEARCH_ENDPOINT) {
    process.env.SEARCH_ENGINE = 'opensearch';
    const { searchIndex } = await import('../functions/search/index-factory');
    const { reindexFromTable } = await import('../functions/search/reindex');
    const table = process.env.PRODUCTS_TABLE_NAME;
    if (!table) throw new Error('PRODUCTS_TABLE_NAME is required with OPENSEARCH_ENDPOINT');
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    let last = 0;
    const result = await reindexFromTable(doc, table, searchIndex(), {
      onProgress: (indexed, scanned) => {
        if (scanned - last >= 1000) {
          last = scanned;
          console.log(`scanned ${scanned}, indexed ${indexed}`);
        }
      },
    });
    console.log(`done: scanned ${result.scanned}, indexed ${result.indexed}`);
    return;
  }
  const url = `http://localhost:${process.env.PORT ?? 3000}/_local/reindex`;
  const response = await fetch(url, { method: 'POST' }).catch(() => {
    throw new Error(
      `No local platform answers at ${url}: start it with npm start, or set OPENSEARCH_ENDPOINT`,
    );
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    process.stdout.write(decoder.decode(chunk));
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
