import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

/**
 * The paths waiting for the next flush, one item per path: a path changed a thousand times in a
 * minute is one item, so a burst coalesces by itself. The table stays tiny (it empties on each
 * flush), so the flush reads it whole.
 */
export interface PendingPurges {
  add(paths: readonly string[]): Promise<void>;
  all(): Promise<string[]>;
  /** Clears paths sent, unless marked again after `sentAt` (a change during the flush waits for the next). */
  clear(paths: readonly string[], sentAt: string): Promise<void>;
}

export function pendingPurges(client: DynamoDBDocumentClient, tableName: string): PendingPurges {
  return {
    async add(paths) {
      const at = new Date().toISOString();
      await inBatches(paths, (path) =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { path },
            UpdateExpression: 'SET marked_at = :at',
            ExpressionAttributeValues: { ':at': at },
          }),
        ),
      );
    },
    async all() {
      const paths: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) paths.push(item.path as string);
        start = page.LastEvaluatedKey;
      } while (start);
      return paths;
    },
    async clear(paths, sentAt) {
      await inBatches(paths, async (path) => {
        try {
          await client.send(
            new DeleteCommand({
              TableName: tableName,
              Key: { path },
              ConditionExpression: 'marked_at <= :sent',
              ExpressionAttributeValues: { ':sent': sentAt },
            }),
          );
        } catch (error) {
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        }
      });
    },
  };
}

/** One write per path (each conditional), 25 at a time: a flush of 500 takes a second, not twenty. */
async function inBatches(paths: readonly string[], write: (path: string) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < paths.length; start += 25) {
    await Promise.all(paths.slice(start, start + 25).map(write));
  }
}
