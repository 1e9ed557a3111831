import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { type DomainEvent, publishEvents } from './events';
import { streamBatchHandler } from './handlers';
import { businessMetrics, type MetricsPort } from './metrics';
import { processStreamInOrder } from './stream-batch';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An outbox item outlives the stream's 24 h retention by a day, then DynamoDB's TTL removes it
 * (the relay ignores that REMOVE). Tables that hold outbox items declare `expires_at` as TTL.
 */
export const OUTBOX_TTL_ATTRIBUTE = 'expires_at';
const OUTBOX_KEEP_SECONDS = 2 * 24 * 3600;
const OUTBOX_TYPE = 'OUTBOX';

/** Which outbox item: the entity it belongs to, and the change of that entity it announces. */
export interface OutboxKey {
  /** The entity (an order id): its items share a partition, so its events stay in one shard, in order. */
  entity: string;
  /** The change (the entity's version): writing the same change twice writes the same item. */
  change: string;
}

/**
 * The explicit outbox item: events that no entity image says, written in the same write (or
 * transaction) as the change they announce, so both happen or neither. One item carries every
 * event of that change, so a transaction grows by one action at most.
 */
export function outboxPut(tableName: string, key: OutboxKey, events: DomainEvent[], now: Date): TransactItem {
  return { Put: { TableName: tableName, Item: outboxItem(key, events, now) } };
}

export function outboxItem(key: OutboxKey, events: DomainEvent[], now: Date): Item {
  if (events.length === 0) throw new Error('An outbox item carries at least one event');
  return {
    pk: `OUTBOX#${key.entity}`,
    sk: `EVENT#${key.change}`,
    type: OUTBOX_TYPE,
    // JSON keeps each detail exactly as built (nulls, nesting), whatever DynamoDB's types allow.
    events: JSON.stringify(events),
    [OUTBOX_TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + OUTBOX_KEEP_SECONDS,
  };
}

/** A stream record's images, unmarshalled. */
export interface EntityChange {
  eventName: 'INSERT' | 'MODIFY';
  newImage: Item;
  oldImage: Item | undefined;
}

/**
 * A service's state-change events read off its entity's own stream image (which carries the
 * version): StockChanged from a stock record, RatingChanged from a rating aggregate. Returns
 * [] for items that announce nothing.
 */
export type EntityEvents = (change: EntityChange) => DomainEvent[] | Promise<DomainEvent[]>;

/**
 * The events one stream record stands for: an outbox item's events as written, or the
 * entity's state-change events. REMOVE records (TTL expiry of outbox items and carts) say
 * nothing.
 */
export async function eventsOfRecord(
  record: DynamoDBRecord,
  entityEvents?: EntityEvents,
): Promise<DomainEvent[]> {
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return [];
  const rawNew = record.dynamodb?.NewImage;
  if (!rawNew) return [];
  const newImage = unmarshall(rawNew as Record<string, AttributeValue>);
  if (newImage.type === OUTBOX_TYPE) return JSON.parse(newImage.events as string) as DomainEvent[];
  if (!entityEvents) return [];
  const rawOld = record.dynamodb?.OldImage;
  return entityEvents({
    eventName: record.eventName,
    newImage,
    oldImage: rawOld ? unmarshall(rawOld as Record<string, AttributeValue>) : undefined,
  });
}

export interface RelayOptions {
  entityEvents?: EntityEvents;
  /** Where events go; the bus (PutEvents) unless a test says otherwise. */
  send?: (events: DomainEvent[]) => Promise<unknown>;
  /**
   * Counts the business facts among the events once they are on the bus: each change's events
   * pass here once (again only if its record is redelivered after a failed send).
   */
  countSent?: (events: DomainEvent[], metrics: MetricsPort) => void;
}

/**
 * The outbox relay: one stream-triggered function per table that holds outbox items or
 * entities whose images announce events, the same code on AWS (event source mapping) and
 * locally (stream poller). A shard's records go out in order; once one fails, it and every
 * later record are reported as failed (never sent ahead of it), so the stream redelivers from
 * the failure and nothing is lost. A redelivered record yields the same events with the
 * same eventIds, which consumers recognise.
 */
export function outboxRelay(options: RelayOptions = {}) {
  const send = options.send ?? publishEvents;
  const relayRecord = async (record: DynamoDBRecord) => {
    const events = await eventsOfRecord(record, options.entityEvents);
    if (events.length === 0) return;
    await send(events);
    options.countSent?.(events, businessMetrics);
  };
  return streamBatchHandler((event, context) => processStreamInOrder(event, relayRecord, context));
}
