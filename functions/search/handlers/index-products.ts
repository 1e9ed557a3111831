import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { streamBatchHandler } from '../../../shared/handlers';
import { processStreamInOrder } from '../../../shared/stream-batch';
import { searchChangeOf } from '../documents';
import { searchIndex } from '../index-factory';

/**
 * One products-stream record into the index (see {@link searchChangeOf}): every change carries
 * the product's version, so a late older record changes nothing and a replay leaves the same
 * index. Records for other items of the table change nothing either.
 */
async function indexRecord(record: DynamoDBRecord): Promise<void> {
  const removed = record.eventName === 'REMOVE';
  const image = (removed ? record.dynamodb?.OldImage : record.dynamodb?.NewImage) as
    | Record<string, AttributeValue>
    | undefined;
  const change = image && searchChangeOf(image, removed);
  if (!change) return;
  if ('upsert' in change) await searchIndex().upsert([change.upsert]);
  else await searchIndex().remove([change.remove]);
}

/** Stream target: a shard's records in order; a failure holds back the rest of the batch. */
export const handler = streamBatchHandler(async (event: DynamoDBStreamEvent, context: Context) =>
  processStreamInOrder(event, indexRecord, context),
);
