import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { searchDocumentOf } from '../documents';
import { searchIndex } from '../index-factory';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * One products-stream record into the index: created or changed → upsert (newer versions
 * only), drafted, deleted or removed → gone. Replaying a record leaves the same index.
 */
async function indexRecord(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
  const document = record.eventName === 'REMOVE' || !image ? undefined : searchDocumentOf(image);
  if (document) {
    await searchIndex().upsert([document]);
    return;
  }
  const keys = (record.dynamodb?.OldImage ?? record.dynamodb?.NewImage) as
    | Record<string, AttributeValue>
    | undefined;
  const productId = keys?.product_id?.S;
  if (productId) await searchIndex().remove([productId]);
}

/** Stream target: reports partial batch failures so one bad record never blocks the shard. */
export const handler = async (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, indexRecord, processor, { context });
