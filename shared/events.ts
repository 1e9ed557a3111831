import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as z from 'zod';
import { eventBridge } from './clients';
import { requireEnv } from './config';

/** Every detail carries an eventId derived from the entity and its version (consumers dedupe on it), plus that version. */
export type EventDetail = Record<string, unknown> & { eventId: string; version: number };

export interface DomainEvent {
  source: `bazaar.${string}`;
  detailType: string;
  detail: EventDetail;
}

/** The shape a rule's target receives, as EventBridge delivers it. */
export interface BusEvent<D = Record<string, unknown>> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D & { eventId: string };
}

/** What every event's detail holds besides its own fields. */
export const eventEnvelope = {
  eventId: z
    .string()
    .min(1)
    .describe('Derived from the entity and its version: a redelivery repeats it, and consumers dedupe on it'),
  version: z.number().int().nonnegative().describe('The version of the entity after the change'),
};

type DetailSchema<Shape extends z.ZodRawShape> = z.ZodObject<typeof eventEnvelope & Shape>;

/**
 * One event, declared once by the service that publishes it (`functions/<service>/events.ts`):
 * the publisher builds it through `build` (so what leaves matches the schema) and every
 * consumer reads it through `parse` (so a consumer never re-declares the shape).
 */
export interface EventContract<Shape extends z.ZodRawShape> {
  source: `bazaar.${string}`;
  detailType: string;
  /** What happened, for the event catalog (docs/events.md). */
  description: string;
  schema: DetailSchema<Shape>;
  /** The EventBridge pattern that matches this event, for rules. */
  pattern: { source: string[]; 'detail-type': string[] };
  build(detail: z.input<DetailSchema<Shape>>): DomainEvent;
  parse(event: BusEvent<unknown>): z.output<DetailSchema<Shape>>;
}

/**
 * Fields say what they mean with zod's `.describe()`, so the catalog (`npm run docs:events`)
 * shows it: the schema is the one place an event's shape and meaning are written.
 */
export function defineEvent<Shape extends z.ZodRawShape>(
  source: `bazaar.${string}`,
  detailType: string,
  shape: Shape,
  about: { description: string },
): EventContract<Shape> {
  const schema = z.object({ ...eventEnvelope, ...shape }) as DetailSchema<Shape>;
  return {
    source,
    detailType,
    description: about.description,
    schema,
    pattern: { source: [source], 'detail-type': [detailType] },
    build: (fields) => ({ source, detailType, detail: schema.parse(fields) as EventDetail }),
    parse: (event) => {
      if (event.source !== source || event['detail-type'] !== detailType) {
        throw new Error(`Expected ${source} ${detailType}, got ${event.source} ${event['detail-type']}`);
      }
      return schema.parse(event.detail);
    },
  };
}

/**
 * Sends events to the `bazaar` bus. Only the outbox relay calls it (shared/outbox.ts): services
 * write their events with their state change and never publish after a write. PutEvents can
 * partially fail; failed entries are retried, and an error is thrown if any still fail, so
 * the relay reports the record as failed and the stream delivers it again.
 */
export async function publishEvents(events: DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const busName = requireEnv('EVENT_BUS_NAME');
  let pending = events;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const chunks: (typeof pending)[] = [];
    for (let i = 0; i < pending.length; i += 10) chunks.push(pending.slice(i, i + 10));
    const failed: typeof pending = [];
    for (const chunk of chunks) {
      const result = await eventBridge().send(
        new PutEventsCommand({
          Entries: chunk.map((event) => ({
            EventBusName: busName,
            Source: event.source,
            DetailType: event.detailType,
            Detail: JSON.stringify(event.detail),
          })),
        }),
      );
      result.Entries?.forEach((entry, index) => {
        if (entry.ErrorCode) failed.push(chunk[index]!);
      });
    }
    if (failed.length > 0 && attempt >= 3) {
      throw new Error(`EventBridge rejected ${failed.length} event(s) after ${attempt} attempts`);
    }
    pending = failed;
  }
  return events.map((event) => event.detail.eventId);
}
