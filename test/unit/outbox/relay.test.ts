import { OrderPaid, orderEvent } from '../../../functions/orders/events';
import type { OrderRecord } from '../../../functions/orders/order';
import type { DomainEvent } from '../../../shared/events';
import { outboxItem, outboxRelay } from '../../../shared/outbox';
import { streamEvent, streamRecord } from '../../fixtures/dynamodb-stream';

const order = (version: number): OrderRecord =>
  ({
    orderId: 'ord_01RELAYTEST',
    userId: 'usr_BUYER',
    status: 'paid',
    version,
    lines: [
      {
        productId: 'prod_A',
        sellerId: 'usr_SELLER',
        title: 'A',
        imageUrl: null,
        quantity: 2,
        priceAtOrderCents: 500,
      },
    ],
    totalCents: 1499,
    refundedCents: 0,
    currency: 'USD',
    failureReason: null,
  }) as unknown as OrderRecord;

const outboxRecord = (change: string, events: DomainEvent[]) =>
  streamRecord('INSERT', {
    newImage: outboxItem({ entity: 'ord_01RELAYTEST', change }, events, new Date('2026-01-01T00:00:00Z')),
  });

function recordingSender(failOn?: (events: DomainEvent[]) => boolean) {
  const sent: DomainEvent[][] = [];
  return {
    sent,
    send: async (events: DomainEvent[]) => {
      if (failOn?.(events)) throw new Error('PutEvents failed');
      sent.push(events);
    },
  };
}

describe('the outbox relay', () => {
  it('sends an outbox item’s events exactly as written, with their derived eventIds', async () => {
    const paid = orderEvent(OrderPaid, order(3));
    const sender = recordingSender();
    const result = await outboxRelay({ send: sender.send })(streamEvent(outboxRecord('v3', [paid])));
    expect(result.batchItemFailures).toEqual([]);
    expect(sender.sent).toEqual([[paid]]);
    expect(paid.detail.eventId).toBe('evt_01RELAYTEST_OrderPaid_v3');
  });

  it('sends a shard’s records in order, and reports the first failure and every later record as failed', async () => {
    const events = [1, 2, 3, 4].map((version) => orderEvent(OrderPaid, order(version)));
    const records = events.map((event, i) => outboxRecord(`v${i + 1}`, [event]));
    const sender = recordingSender((batch) => batch[0]!.detail.version === 2);
    const result = await outboxRelay({ send: sender.send })(streamEvent(...records));
    expect(sender.sent.map((batch) => batch[0]!.detail.version)).toEqual([1]);
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      records.slice(1).map((record) => record.dynamodb!.SequenceNumber),
    );
  });

  it('reports every record as failed, without throwing, when the first one cannot be sent', async () => {
    const records = [1, 2].map((version) =>
      outboxRecord(`v${version}`, [orderEvent(OrderPaid, order(version))]),
    );
    const result = await outboxRelay({ send: recordingSender(() => true).send })(streamEvent(...records));
    expect(result.batchItemFailures).toHaveLength(2);
  });

  it('ignores REMOVE records (an outbox item expiring by TTL) and items that announce nothing', async () => {
    const item = outboxItem(
      { entity: 'ord_01RELAYTEST', change: 'v1' },
      [orderEvent(OrderPaid, order(1))],
      new Date(),
    );
    const entityEvents = jest.fn(() => []);
    const sender = recordingSender();
    const result = await outboxRelay({ send: sender.send, entityEvents })(
      streamEvent(
        streamRecord('REMOVE', { oldImage: item }),
        streamRecord('INSERT', { newImage: { pk: 'ORDER#x', sk: 'ORDER', type: 'ORDER', version: 1 } }),
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(sender.sent).toEqual([]);
    expect(entityEvents).toHaveBeenCalledTimes(1);
  });

  it('gives the same record the same events on redelivery', async () => {
    const record = outboxRecord('v5', [orderEvent(OrderPaid, order(5))]);
    const sender = recordingSender();
    const relay = outboxRelay({ send: sender.send });
    await relay(streamEvent(record));
    await relay(streamEvent(record));
    expect(sender.sent[0]).toEqual(sender.sent[1]);
  });

  it('refuses to write an outbox item without events', () => {
    expect(() => outboxItem({ entity: 'ord_01RELAYTEST', change: 'v0' }, [], new Date())).toThrow();
  });
});
