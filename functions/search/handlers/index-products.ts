import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { processStreamInOrder } from '../../../shared/stream-batch';
import { searchDocumentOf } from '../documents';
import { searchIndex } from '../index-factory';

type Image = Record<string, AttributeValue>;

/**
 * One products-stream record into the index: created or changed → upsert, drafted or deleted
 * → removed at the version that did it, removed from the table → removed at its last version.
 * Both leave the index holding the version, so a late older record changes nothing, and
 * replaying a record leaves the same index. Other items of the table are not products.
 */
async function indexRecord(record: DynamoDBRecord): Promise<void> {
  const newImage = record.dynamodb?.NewImage as Image | undefined;
  const oldImage = record.dynamodb?.OldImage as Image | undefined;
  const image = record.eventName === 'REMOVE' ? oldImage : newImage;
  if (image?.type?.S !== 'PRODUCT') return;
  const document = record.eventName === 'REMOVE' ? undefined : searchDocumentOf(image);
  if (document) {
    await searchIndex().upsert([document]);
    return;
  }
  const productId = image.product_id?.S;
  const version = Number(image.version?.N);
  if (!productId || !Number.isFinite(version)) {
    throw new Error(`Product item without product_id or version at ${record.dynamodb?.SequenceNumber}`);
  }
  await searchIndex().remove([{ product_id: productId, version }]);
}

/** Stream target: a shard's records in order; a failure holds back the rest of the batch. */
export const handler = async (event: DynamoDBStreamEvent, context: Context) =>
  processStreamInOrder(event, indexRecord, context);
