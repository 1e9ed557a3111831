import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** Every item a query matches, following LastEvaluatedKey to the end (for small partitions). */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * One page of up to `limit` items. A filter can thin out what DynamoDB reads per request, so
 * this keeps reading until the page is full or the partition ends; `lastKey` continues it.
 */
export async function queryPage(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit: number,
  startKey: Item | undefined,
): Promise<{ items: Item[]; lastKey: Item | undefined }> {
  const items: Item[] = [];
  let next = startKey;
  do {
    const page = await doc.send(
      new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: next }),
    );
    items.push(...(page.Items ?? []));
    next = page.LastEvaluatedKey;
  } while (next && items.length < limit);
  return { items, lastKey: next };
}
