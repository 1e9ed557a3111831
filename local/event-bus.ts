import { randomUUID } from 'node:crypto';
import type { BusEvent } from '../shared/events';
import type { EventPattern } from '../shared/manifests/types';
import { type AwsEndpoint, AwsServiceError } from './aws-endpoint';
import type { DeliveryJournal, PendingDelivery } from './event-bus-journal';
import { matchesPattern } from './event-pattern';
import type { FaultInjector } from './faults/faults';
import { localUsage } from './usage';

/** The account's default bus, where AWS services (S3) send their events. */
export const DEFAULT_BUS = 'default';

export interface BusTarget {
  ruleId: string;
  /** The bus the rule listens on: the bus's own name (`busName`) when omitted, or `default`. */
  bus?: string;
  pattern: EventPattern;
  deliver(event: BusEvent): Promise<unknown>;
}

export interface DeadLetter {
  ruleId: string;
  bus: string;
  event: BusEvent;
  error: string;
  attempts: number;
  at: string;
}

/**
 * One rule's delivery of one event: `pending` while it is tried (retries and backoff
 * included), then `delivered` or `dead-lettered`.
 */
export interface Delivery {
  ruleId: string;
  status: 'pending' | 'delivered' | 'dead-lettered';
  attempts: number;
}

export interface EventBusOptions {
  /** The custom bus the services publish to; the account's `default` bus is served beside it. */
  busName: string;
  /** Attempts per target before the event is dead-lettered (EventBridge retries for up to 24 h). */
  maxAttempts?: number;
  retryBaseMs?: number;
  historySize?: number;
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Consulted for each PutEvents entry (`events:put-events-error`). */
  faults?: Pick<FaultInjector, 'fire'>;
  /** Keeps undelivered events and dead letters across restarts (a data dir); see `resumePending`. */
  journal?: DeliveryJournal;
}

/**
 * The local EventBridge bus: serves PutEvents to the ordinary SDK client, records each event,
 * and delivers it asynchronously to every target whose rule pattern matches. A failing target
 * is retried with backoff and then dead-lettered and logged, never silently dropped. It serves
 * two buses, as an account has: the custom one (`busName`) and `default`; a rule only sees the
 * events of its own bus.
 */
export class LocalEventBus {
  readonly history: BusEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private readonly targets: BusTarget[] = [];
  /** By event id, for the events still in `history`: one delivery per rule the event matched. */
  private readonly deliveries = new Map<string, Delivery[]>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly historySize: number;

  constructor(private readonly options: EventBusOptions) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 100;
    this.historySize = options.historySize ?? 10_000;
    if (options.journal) this.deadLetters.push(...options.journal.deadLetters());
  }

  /**
   * Delivers again what an earlier process had not finished delivering (the journal's pending
   * deliveries), with the attempts they had left; called once every target has been added.
   */
  resumePending(): void {
    for (const pending of this.options.journal?.pending() ?? []) {
      const target = this.targets.find(
        (candidate) => candidate.ruleId === pending.ruleId && candidate.bus === pending.bus,
      );
      if (!target) {
        this.options.log?.('Pending delivery for an unknown rule dropped', { rule: pending.ruleId });
        continue;
      }
      const delivery: Delivery = { ruleId: target.ruleId, status: 'pending', attempts: pending.attempts };
      if (!this.deliveries.has(pending.event.id)) this.history.push(pending.event);
      this.deliveries.set(pending.event.id, [...(this.deliveries.get(pending.event.id) ?? []), delivery]);
      void this.deliver(target, pending.event, delivery, pending);
    }
  }

  addTarget(target: BusTarget): void {
    this.targets.push({ ...target, bus: target.bus ?? this.options.busName });
  }

  attach(endpoint: AwsEndpoint): void {
    endpoint.register('AWSEvents.PutEvents', async (input) => this.putEvents(input));
  }

  /** The PutEvents operation, with EventBridge's per-entry validation and result shape. */
  async putEvents(input: Record<string, unknown>): Promise<unknown> {
    const entries = input.Entries;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
      throw new AwsServiceError('ValidationException', 'Entries must hold 1 to 10 events');
    }
    let failed = 0;
    const results = entries.map((entry: Record<string, unknown>) => {
      // Billed per entry sent, in 64 KB chunks; AWS services' events to the default bus are free.
      localUsage.eventBridgeEntry(Buffer.byteLength(JSON.stringify(entry)));
      const busName = this.busNamed(String(entry.EventBusName ?? DEFAULT_BUS));
      if (!busName) {
        failed++;
        return {
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${String(entry.EventBusName)} does not exist.`,
        };
      }
      let detail: unknown;
      try {
        detail = JSON.parse(String(entry.Detail ?? ''));
      } catch {
        failed++;
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
      }
      if (
        typeof entry.Source !== 'string' ||
        typeof entry.DetailType !== 'string' ||
        typeof detail !== 'object'
      ) {
        failed++;
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Source, DetailType and an object Detail are required.',
        };
      }
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: process.env.AWS_REGION ?? 'us-east-1',
        resources: Array.isArray(entry.Resources) ? (entry.Resources as string[]) : [],
        detail: detail as BusEvent['detail'],
      };
      // A local-only fault: the entry is rejected, as EventBridge may, and the publish is lost.
      if (
        this.options.faults?.fire('events:put-events-error', { event, text: () => JSON.stringify(event) })
      ) {
        failed++;
        return {
          ErrorCode: 'InternalFailure',
          ErrorMessage: 'Rejected by an events:put-events-error fault.',
        };
      }
      this.publish(event, busName);
      return { EventId: event.id };
    });
    return { FailedEntryCount: failed, Entries: results };
  }

  /**
   * Records an event on a bus (the custom bus by default) and starts its deliveries to that
   * bus's matching rules; returns at once, as EventBridge does.
   */
  publish(event: BusEvent, bus: string = this.options.busName): void {
    this.history.push(event);
    if (this.history.length > this.historySize) {
      for (const dropped of this.history.splice(0, this.history.length - this.historySize)) {
        this.deliveries.delete(dropped.id);
      }
    }
    const matched = this.targets.filter(
      (target) => target.bus === bus && matchesPattern(target.pattern, event),
    );
    const deliveries = matched.map(
      (target): Delivery => ({ ruleId: target.ruleId, status: 'pending', attempts: 0 }),
    );
    this.deliveries.set(event.id, deliveries);
    matched.forEach((target, i) => void this.deliver(target, event, deliveries[i]!));
  }

  /**
   * Each delivery of an event still in `history`, one per rule it matched when published (none
   * when it matched none); undefined for an event the bus does not hold. Once none is pending,
   * whatever the handlers published while handling the event is on the bus too.
   */
  deliveriesOf(eventId: string): Delivery[] | undefined {
    return this.deliveries.get(eventId)?.map((delivery) => ({ ...delivery }));
  }

  /** The bus a PutEvents entry names (by name or ARN), or undefined when there is no such bus. */
  private busNamed(nameOrArn: string): string | undefined {
    for (const bus of [this.options.busName, DEFAULT_BUS]) {
      if (nameOrArn === bus || nameOrArn.endsWith(`:event-bus/${bus}`)) return bus;
    }
    return undefined;
  }

  /** Whether no delivery is in flight now. */
  isIdle(): boolean {
    return this.inFlight === 0;
  }

  /** Resolves when no delivery is in flight (tests and shutdown wait on it). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async deliver(
    target: BusTarget,
    event: BusEvent,
    delivery: Delivery,
    resumed?: PendingDelivery,
  ): Promise<void> {
    this.inFlight++;
    const { journal } = this.options;
    const id = resumed?.id ?? `${event.id}:${target.ruleId}`;
    if (!resumed) journal?.started({ id, ruleId: target.ruleId, bus: target.bus!, event, attempts: 0 });
    try {
      for (let attempt = (resumed?.attempts ?? 0) + 1; ; attempt++) {
        delivery.attempts = attempt;
        try {
          await target.deliver(event);
          delivery.status = 'delivered';
          journal?.delivered(id);
          return;
        } catch (error) {
          if (attempt >= this.maxAttempts) {
            delivery.status = 'dead-lettered';
            const letter: DeadLetter = {
              ruleId: target.ruleId,
              bus: target.bus ?? this.options.busName,
              event,
              error: (error as Error).message,
              attempts: attempt,
              at: new Date().toISOString(),
            };
            this.deadLetters.push(letter);
            journal?.deadLettered(id, letter);
            this.options.log?.('Event delivery failed; dead-lettered', {
              rule: target.ruleId,
              detailType: event['detail-type'],
              eventId: event.id,
              attempts: attempt,
              error: letter.error,
            });
            return;
          }
          journal?.failed(id, attempt);
          const backoff = this.retryBaseMs * 2 ** (attempt - 1);
          await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * (backoff / 2)));
        }
      }
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }
}
