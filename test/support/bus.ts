import type { BusEvent } from '../../shared/events';
import { api, eventually } from './api';

/** One rule's delivery of one event, as the local bus logs it. */
export interface BusDelivery {
  ruleId: string;
  status: 'pending' | 'delivered' | 'dead-lettered';
  attempts: number;
}

/** An event the local bus carried, with its delivery to each rule it matched. */
export type LoggedEvent = BusEvent & { deliveries: BusDelivery[] };

export interface BusFilter {
  source?: string;
  detailType?: string;
  ids?: string[];
}

interface BusLog {
  events: BusEvent[];
  deliveries: Record<string, BusDelivery[] | undefined>;
}

/** What the local bus carried (narrowed by `filter`), each event with its deliveries, as one snapshot. */
export async function busEvents(filter: BusFilter = {}): Promise<LoggedEvent[]> {
  const query = new URLSearchParams();
  if (filter.source) query.set('source', filter.source);
  if (filter.detailType) query.set('detail-type', filter.detailType);
  for (const id of filter.ids ?? []) query.append('id', id);
  const response = await api<BusLog>('GET', `/_local/events?${query}`);
  if (response.status !== 200) throw new Error(`bus log: ${response.status} ${response.text}`);
  const { events, deliveries } = response.body;
  return events.map((event) => ({ ...event, deliveries: deliveries[event.id] ?? [] }));
}

/**
 * Waits until every event the local bus carried that `matches` (within `filter`) has been
 * delivered to each rule it matched, or dead-lettered, and returns those events. Each look is
 * one snapshot of the log. Tests asserting that nothing more happens call this instead of
 * sleeping. An event not published yet cannot be waited for: events leave through the outbox
 * relays a moment after the write that made them (and so after the handler that wrote it has
 * returned), so name how many must be on the bus with `atLeast`.
 */
export async function settledEvents(
  matches: (event: BusEvent) => boolean,
  filter: BusFilter = {},
  { atLeast = 0, timeoutMs = 15_000 }: { atLeast?: number; timeoutMs?: number } = {},
): Promise<LoggedEvent[]> {
  return untilSettled(async () => {
    const matching = (await busEvents(filter)).filter(matches);
    return matching.length >= atLeast ? matching : undefined;
  }, timeoutMs);
}

/** Waits until each of these events (by the EventId PutEvents returned) is on the bus and settled as above. */
export async function deliveredEverywhere(eventIds: string[], timeoutMs = 15_000): Promise<LoggedEvent[]> {
  const wanted = new Set(eventIds);
  return untilSettled(async () => {
    const found = await busEvents({ ids: [...wanted] });
    return found.length === wanted.size ? found : undefined;
  }, timeoutMs);
}

async function untilSettled(
  look: () => Promise<LoggedEvent[] | undefined>,
  timeoutMs: number,
): Promise<LoggedEvent[]> {
  let last: LoggedEvent[] | undefined;
  try {
    return await eventually(async () => {
      last = await look();
      return last?.every(settled) ? last : undefined;
    }, timeoutMs);
  } catch (error) {
    const pending = (last ?? [])
      .filter((event) => !settled(event))
      .map((event) => `${event['detail-type']} ${event.id} → ${JSON.stringify(event.deliveries)}`);
    throw new Error(
      `${(error as Error).message}; still pending: ${pending.join('; ') || 'events not on the bus yet'}`,
    );
  }
}

function settled(event: LoggedEvent): boolean {
  return event.deliveries.every((delivery) => delivery.status !== 'pending');
}

/** How an event's delivery to one rule ended (or `pending`); undefined when the event did not match the rule. */
export function deliveryTo(event: LoggedEvent, ruleId: string): BusDelivery['status'] | undefined {
  return event.deliveries.find((delivery) => delivery.ruleId === ruleId)?.status;
}
