import type { EventPattern, StreamDefinition } from './types';

/** Only writes: a REMOVE (an outbox item or a cart expiring by TTL) announces nothing. */
export const writes: EventPattern = { eventName: ['INSERT', 'MODIFY'] };
/** A table's outbox items (shared/outbox.ts). */
export const outboxItems: EventPattern = { ...writes, dynamodb: { NewImage: { type: { S: ['OUTBOX'] } } } };

/**
 * The outbox relay of a table: its outbox items and its entities' state-change images go to
 * the bus in shard order, the same handler code on AWS and locally. A record that cannot be
 * sent holds its shard until it can (the stream keeps 24 h): retried, never skipped early.
 */
export function outboxRelay(
  id: string,
  table: StreamDefinition['table'],
  service: string,
  filter: EventPattern,
  uses: StreamDefinition['uses'] = {},
): StreamDefinition {
  return {
    id,
    table,
    handler: `functions/${service}/handlers/relay-events.handler`,
    batchSize: 100,
    maxRetries: 10_000,
    filters: [filter],
    uses: { ...uses, publishesEvents: true },
  };
}
