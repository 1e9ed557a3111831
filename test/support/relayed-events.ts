import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { streams, tableById } from '../../functions/manifest';
import { StreamPoller } from '../../local/stream-poller';
import type { DomainEvent } from '../../shared/events';
import type { TableId } from '../../shared/manifests/types';
import { type EntityEvents, outboxRelay } from '../../shared/outbox';
import { tableName } from './dynamo';

/**
 * Every event the outbox relay sends for a table's stream so far, read from DynamoDB Local's
 * stream as its streams-manifest entry declares it (filters, batch size) and run through the
 * relay code with the service's `entityEvents`; only the bus is replaced by a recorder.
 */
export async function relayedEvents(table: TableId, entityEvents?: EntityEvents): Promise<DomainEvent[]> {
  const entry = streams.find(
    (stream) => stream.table === table && stream.handler.endsWith('relay-events.handler'),
  );
  if (!entry) throw new Error(`No outbox relay reads the ${table} stream`);
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
  const sent: DomainEvent[] = [];
  const poller = new StreamPoller({
    dynamodb: new DynamoDBClient({ endpoint }),
    streams: new DynamoDBStreamsClient({ endpoint }),
  });
  await poller.add({
    id: entry.id,
    tableName: tableName(tableById(table).envVar),
    batchSize: entry.batchSize,
    maxRetries: 0,
    filters: entry.filters,
    deliver: outboxRelay({ entityEvents, send: async (events) => void sent.push(...events) }),
  });
  for (let round = 0; !(await poller.drained()); round++) {
    if (round > 100) throw new Error('The stream did not drain');
  }
  await poller.stop();
  if (poller.failedBatches.length > 0)
    throw new Error(`Relay failed: ${JSON.stringify(poller.failedBatches)}`);
  return sent;
}
