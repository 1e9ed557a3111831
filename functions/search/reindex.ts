import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { searchChangeOf } from './documents';
import type { ProductRemoval, SearchDocument, SearchIndex } from './search-index';

/**
 * Rebuilds the search index from the products table (a parallel scan: a maintenance job,
 * not a request path). Upserts and removals are version-guarded, so running it while the
 * stream keeps indexing leaves the newest state either way. Drafts and deleted products are
 * removed at their version: a stale index loses them, and a rebuilt one keeps their versions
 * against older stream records arriving late.
 */
export async function reindexFromTable(
  doc: DynamoDBDocumentClient,
  tableName: string,
  index: SearchIndex,
  options: {
    segments?: number;
    batchSize?: number;
    onProgress?: (indexed: number, scanned: number) => void;
  } = {},
): Promise<{ scanned: number; indexed: number }> {
  const segments = options.segments ?? 4;
  const batchSize = options.batchSize ?? 1000;
  let scanned = 0;
  let indexed = 0;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: startKey,
            Limit: batchSize,
          }),
        );
        const documents: SearchDocument[] = [];
        const removals: ProductRemoval[] = [];
        for (const item of page.Items ?? []) {
          const change = searchChangeOf(item);
          if (change && 'upsert' in change) documents.push(change.upsert);
          else if (change) removals.push(change.remove);
        }
        if (documents.length) await index.upsert(documents);
        if (removals.length) await index.remove(removals);
        scanned += page.Items?.length ?? 0;
        indexed += documents.length;
        options.onProgress?.(indexed, scanned);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
  return { scanned, indexed };
}
