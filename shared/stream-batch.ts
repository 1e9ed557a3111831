import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from './logger';

/** Reported for the records after a failed one: they were held back, not tried. */
export class HeldBackAfterFailureError extends Error {
  override readonly name = 'HeldBackAfterFailureError';
}

/**
 * Applies a DynamoDB stream batch the way a shard's order demands: one record at a time, in
 * stream order, stopping at the first failure. The failed record and every later one are
 * reported as batch item failures, so Lambda (checkpointing at the lowest reported sequence
 * number) and the local stream poller resume at the failed record and nothing after it is
 * applied ahead of it.
 *
 * Powertools alone is not enough: `BatchProcessor` runs records in parallel by default, and
 * with `processInParallel: false` it still goes on past a failure, applying later records
 * before the failed one is retried. `throwOnFullBatchFailure` is off so that a batch whose
 * first record fails is answered like any other failure (resume there) instead of as an
 * invocation error, which Lambda would bisect.
 *
 * Handlers must still be idempotent and version-guarded: a resumed batch repeats the records
 * after the checkpoint, and a record dropped after its retries leaves a gap.
 */
export async function processStreamInOrder(
  event: DynamoDBStreamEvent,
  applyRecord: (record: DynamoDBRecord) => Promise<void>,
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  // One per batch: the processor keeps the batch's results between register and response.
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  let failedAt: string | undefined;
  const inOrder = async (record: DynamoDBRecord): Promise<void> => {
    if (failedAt !== undefined) {
      throw new HeldBackAfterFailureError(`held back after record ${failedAt} failed`);
    }
    try {
      await applyRecord(record);
    } catch (error) {
      failedAt = record.dynamodb?.SequenceNumber ?? '?';
      const { name, message, stack } = error as Error;
      logger.error('Stream record failed; it and the rest of its batch will be retried', {
        sequenceNumber: failedAt,
        eventName: record.eventName,
        error: { name, message, stack },
      });
      throw error;
    }
  };
  return processPartialResponse(event, inOrder, processor, {
    context,
    processInParallel: false,
    throwOnFullBatchFailure: false,
  });
}
