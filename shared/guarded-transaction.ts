import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, withConflictRetry } from './dynamo-errors';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Writes `items` in one transaction, retried on conflicts with other transactions. The first
 * item is the guard — a marker that must not exist yet (`markerPut`: done once), or the state
 * the write was planned on — so this answers true when written, and false when the guard
 * failed and nothing was written. A failure of any other item's condition is thrown, for the
 * caller to read its `cancellationReasons`.
 */
export async function guardedTransaction(
  doc: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<boolean> {
  try {
    await withConflictRetry(() => doc.send(new TransactWriteCommand({ TransactItems: items })));
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** A marker item that makes a transaction happen once: its Put fails when it already exists. */
export function markerPut(tableName: string, item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}
