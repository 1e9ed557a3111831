import type { BusEvent } from '../shared/events';
import type { DeadLetter } from './event-bus';
import { JsonLinesLog } from './json-lines-log';

/** One event on its way to one rule's target. */
export interface PendingDelivery {
  id: string;
  ruleId: string;
  bus: string;
  event: BusEvent;
  /** Attempts already failed. */
  attempts: number;
}

type Entry =
  | ({ k: 'pending' } & PendingDelivery)
  | { k: 'failed'; id: string; attempts: number }
  | { k: 'done'; id: string }
  | { k: 'dead'; id: string; letter: DeadLetter };

/**
 * The bus's undelivered events and dead letters, in a JSON-lines log (see JsonLinesLog): each
 * delivery is written before it is attempted and marked done or dead-lettered after, so a
 * restart re-delivers what was pending (at least once, as EventBridge delivers) and keeps the
 * dead letters. At start the log is compacted to just those.
 */
export class DeliveryJournal {
  private readonly log: JsonLinesLog<Entry>;
  private readonly pendingAtStart: PendingDelivery[];
  private readonly deadAtStart: DeadLetter[];

  constructor(file: string, maxDeadLetters = 10_000) {
    this.log = new JsonLinesLog<Entry>(file);
    const pending = new Map<string, PendingDelivery>();
    const dead: Array<{ id: string; letter: DeadLetter }> = [];
    for (const entry of this.log.read()) {
      if (entry.k === 'pending') {
        const { k: _, ...delivery } = entry;
        pending.set(entry.id, delivery);
      } else if (entry.k === 'failed') {
        const delivery = pending.get(entry.id);
        if (delivery) delivery.attempts = entry.attempts;
      } else if (entry.k === 'done') pending.delete(entry.id);
      else {
        pending.delete(entry.id);
        dead.push({ id: entry.id, letter: entry.letter });
      }
    }
    const keptDead = dead.slice(-maxDeadLetters);
    this.pendingAtStart = [...pending.values()];
    this.deadAtStart = keptDead.map(({ letter }) => letter);
    this.log.compact([
      ...keptDead.map(({ id, letter }): Entry => ({ k: 'dead', id, letter })),
      ...this.pendingAtStart.map((delivery): Entry => ({ k: 'pending', ...delivery })),
    ]);
  }

  /** Deliveries an earlier process had not finished. */
  pending(): PendingDelivery[] {
    return this.pendingAtStart;
  }

  /** Dead letters an earlier process kept. */
  deadLetters(): DeadLetter[] {
    return this.deadAtStart;
  }

  started(delivery: PendingDelivery): void {
    this.log.append({ k: 'pending', ...delivery });
  }

  failed(id: string, attempts: number): void {
    this.log.append({ k: 'failed', id, attempts });
  }

  delivered(id: string): void {
    this.log.append({ k: 'done', id });
  }

  deadLettered(id: string, letter: DeadLetter): void {
    this.log.append({ k: 'dead', id, letter });
  }

  close(): void {
    this.log.close();
  }
}
