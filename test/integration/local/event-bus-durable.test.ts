import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalEventBus } from '../../../local/event-bus';
import { DeliveryJournal } from '../../../local/event-bus-journal';
import type { BusEvent } from '../../../shared/events';

/**
 * With a journal (the platform's data dir), a bus started again after a crash re-delivers what
 * was in flight or waiting for a retry, with the attempts it had left, and keeps its dead letters.
 */
describe('the local event bus with a journal, across a crash', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bazaar-bus-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const event = (id: string, source: string): BusEvent => ({
    version: '0',
    id,
    'detail-type': 'Tested',
    source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: {} as BusEvent['detail'],
  });

  it('re-delivers pending events after a restart and keeps the dead letters', async () => {
    const file = join(dir, 'event-bus.jsonl');
    let releaseHung: () => void = () => undefined;
    const first = new LocalEventBus({
      busName: 'bazaar',
      retryBaseMs: 400,
      maxAttempts: 3,
      journal: new DeliveryJournal(file),
    });
    const firstCalls: string[] = [];
    first.addTarget({
      ruleId: 'hangs',
      pattern: { source: ['test.hang'] },
      deliver: (delivered) => {
        firstCalls.push(delivered.id);
        return new Promise((resolve) => {
          releaseHung = () => resolve(undefined);
        });
      },
    });
    first.addTarget({
      ruleId: 'retries',
      pattern: { source: ['test.retry'] },
      deliver: async (delivered) => {
        firstCalls.push(delivered.id);
        if (firstCalls.filter((id) => id === delivered.id).length === 1) throw new Error('not yet');
        return new Promise(() => undefined); // the process is gone by the time it retries
      },
    });
    first.addTarget({
      ruleId: 'done',
      pattern: { source: ['test.done'] },
      deliver: async (delivered) => void firstCalls.push(delivered.id),
    });
    const deadFirst = new LocalEventBus({
      busName: 'bazaar',
      retryBaseMs: 1,
      maxAttempts: 1,
      journal: new DeliveryJournal(join(dir, 'dead.jsonl')),
    });
    deadFirst.addTarget({
      ruleId: 'broken',
      pattern: { source: ['test.broken'] },
      deliver: async () => {
        throw new Error('always fails');
      },
    });
    deadFirst.publish(event('evt-dead', 'test.broken'));
    await deadFirst.idle();

    first.publish(event('evt-hang', 'test.hang'));
    first.publish(event('evt-retry', 'test.retry')); // fails once, then waits to retry
    first.publish(event('evt-done', 'test.done'));
    await until(() => firstCalls.length >= 3 && first.deliveriesOf('evt-done')?.[0]?.status === 'delivered');
    // The crash: `first` is abandoned mid-delivery and mid-backoff.

    const secondCalls: Array<{ rule: string; id: string }> = [];
    const second = new LocalEventBus({
      busName: 'bazaar',
      retryBaseMs: 1,
      maxAttempts: 3,
      journal: new DeliveryJournal(file),
    });
    for (const rule of ['hangs', 'retries', 'done']) {
      second.addTarget({
        ruleId: rule,
        pattern: { source: [`test.${rule}`] },
        deliver: async (delivered) => void secondCalls.push({ rule, id: delivered.id }),
      });
    }
    second.resumePending();
    await second.idle();

    expect(secondCalls.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { rule: 'hangs', id: 'evt-hang' },
      { rule: 'retries', id: 'evt-retry' },
    ]);
    const deadSecond = new LocalEventBus({
      busName: 'bazaar',
      journal: new DeliveryJournal(join(dir, 'dead.jsonl')),
    });
    expect(deadSecond.deadLetters).toEqual([
      expect.objectContaining({
        ruleId: 'broken',
        event: expect.objectContaining({ id: 'evt-dead' }),
        attempts: 1,
      }),
    ]);

    // Delivered now: a third start has nothing left to send.
    const third = new LocalEventBus({ busName: 'bazaar', journal: new DeliveryJournal(file) });
    const thirdCalls: string[] = [];
    third.addTarget({
      ruleId: 'hangs',
      pattern: { source: ['test.hang'] },
      deliver: async (e) => void thirdCalls.push(e.id),
    });
    third.resumePending();
    await third.idle();
    expect(thirdCalls).toEqual([]);
    releaseHung();
  });
});

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
