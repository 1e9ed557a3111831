import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridge } from './clients';
import { requireEnv } from './config';
import { newId } from './ids';

/** Every detail carries an eventId (consumers dedupe on it) plus the entity's id and version. */
export type EventDetail = Record<string, unknown> & { eventId?: string; version: number };

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

/**
 * Publishes domain events to the `bazaar` bus. PutEvents can partially fail; failed entries
 * are retried, and an error is thrown if any still fail, so callers (saga steps, handlers)
 * retry rather than silently losing an event.
 */
export async function publishEvents(events: DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const busName = requireEnv('EVENT_BUS_NAME');
  const withIds = events.map((event) => ({
    ...event,
    detail: { ...event.detail, eventId: event.detail.eventId ?? newId('evt') },
  }));
  let pending = withIds;
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
  return withIds.map((event) => event.detail.eventId);
}

export async function publishEvent(event: DomainEvent): Promise<string> {
  const [eventId] = await publishEvents([event]);
  return eventId!;
}
