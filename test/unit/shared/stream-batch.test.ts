import type { DynamoDBRecord } from 'aws-lambda';
import { processStreamInOrder } from '../../../shared/stream-batch';

const records = (...sequenceNumbers: string[]): DynamoDBRecord[] =>
  sequenceNumbers.map((SequenceNumber) => ({ eventName: 'MODIFY', dynamodb: { SequenceNumber } }));

const failures = (...sequenceNumbers: string[]) =>
  sequenceNumbers.map((itemIdentifier) => ({ itemIdentifier }));

describe('processStreamInOrder', () => {
  it('starts each record only after the one before it has finished', async () => {
    const events: string[] = [];

    const response = await processStreamInOrder({ Records: records('1', '2', '3') }, async (record) => {
      const sequence = record.dynamodb!.SequenceNumber!;
      events.push(`start ${sequence}`);
      // The first record yields to the event loop: in parallel the others would start meanwhile.
      if (sequence === '1') await new Promise((resolve) => setImmediate(resolve));
      events.push(`end ${sequence}`);
    });

    expect(response.batchItemFailures).toEqual([]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('stops at the first failure and reports it with every later record', async () => {
    const tried: string[] = [];

    const response = await processStreamInOrder({ Records: records('1', '2', '3', '4') }, async (record) => {
      const sequence = record.dynamodb!.SequenceNumber!;
      tried.push(sequence);
      if (sequence === '2') throw new Error('index unavailable');
    });

    expect(tried).toEqual(['1', '2']);
    expect(response.batchItemFailures).toEqual(failures('2', '3', '4'));
  });

  it('answers a batch whose first record fails with every record, without throwing', async () => {
    const response = await processStreamInOrder({ Records: records('7', '8') }, async () => {
      throw new Error('index unavailable');
    });

    expect(response.batchItemFailures).toEqual(failures('7', '8'));
  });
});
