import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type AwsEndpoint, startAwsEndpoint } from '../../../local/aws-endpoint';
import { LocalEventBus } from '../../../local/event-bus';
import type { BusEvent } from '../../../shared/events';

describe('local event bus, through the ordinary EventBridge client', () => {
  let endpoint: AwsEndpoint;
  let bus: LocalEventBus;
  let client: EventBridgeClient;
  const received: Record<string, BusEvent[]> = { paid: [], bigOrders: [], flaky: [] };
  let flakyFailuresLeft = 2;
  const deadLetterLog: unknown[] = [];

  beforeAll(async () => {
    endpoint = await startAwsEndpoint();
    bus = new LocalEventBus({
      busName: 'bazaar',
      retryBaseMs: 5,
      maxAttempts: 3,
      log: (_m, fields) => deadLetterLog.push(fields),
    });
    bus.attach(endpoint);
    bus.addTarget({
      ruleId: 'paid',
      pattern: { source: ['bazaar.orders'], 'detail-type': ['OrderPaid'] },
      deliver: async (event) => received.paid!.push(event),
    });
    bus.addTarget({
      ruleId: 'bigOrders',
      pattern: {
        'detail-type': [{ prefix: 'Order' }],
        detail: { total_cents: [{ numeric: ['>=', 10_000] }] },
      },
      deliver: async (event) => received.bigOrders!.push(event),
    });
    bus.addTarget({
      ruleId: 'flaky',
      pattern: { source: ['bazaar.flaky'] },
      deliver: async (event) => {
        if (flakyFailuresLeft-- > 0) throw new Error('temporary failure');
        received.flaky!.push(event);
      },
    });
    bus.addTarget({
      ruleId: 'broken',
      pattern: { source: ['bazaar.broken'] },
      deliver: async () => {
        throw new Error('always fails');
      },
    });
    client = new EventBridgeClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });

  afterAll(async () => {
    await bus.idle();
    await endpoint.stop();
  });

  const put = (source: string, detailType: string, detail: object, busName = 'bazaar') =>
    client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: busName, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) },
        ],
      }),
    );

  it('delivers a matching event to its rule and not to a rule it does not match', async () => {
    const result = await put('bazaar.orders', 'OrderPaid', {
      order_id: 'ord_1',
      total_cents: 500,
      version: 2,
    });
    expect(result.FailedEntryCount).toBe(0);
    await bus.idle();
    expect(received.paid!.map((e) => e.detail.order_id)).toEqual(['ord_1']);
    expect(received.bigOrders).toHaveLength(0);
    expect(received.paid![0]).toMatchObject({
      source: 'bazaar.orders',
      'detail-type': 'OrderPaid',
      account: '000000000000',
    });
  });

  it('applies numeric and prefix matching', async () => {
    await put('bazaar.orders', 'OrderPlaced', { order_id: 'ord_2', total_cents: 25_000, version: 1 });
    await bus.idle();
    expect(received.bigOrders!.map((e) => e.detail.order_id)).toEqual(['ord_2']);
    expect(received.paid!.map((e) => e.detail.order_id)).not.toContain('ord_2');
  });

  it('retries a failing target until it succeeds', async () => {
    await put('bazaar.flaky', 'Something', { id: 'f1', version: 1 });
    await bus.idle();
    expect(received.flaky!.map((e) => e.detail.id)).toEqual(['f1']);
  });

  it('dead-letters and logs an event whose target keeps failing', async () => {
    await put('bazaar.broken', 'Something', { id: 'b1', version: 1 });
    await bus.idle();
    expect(bus.deadLetters).toEqual([
      expect.objectContaining({ ruleId: 'broken', attempts: 3, error: 'always fails' }),
    ]);
    expect(deadLetterLog).toEqual([expect.objectContaining({ rule: 'broken' })]);
  });

  it('logs one delivery per matched rule, pending until its rule has handled the event', async () => {
    let release!: () => void;
    const handled = new Promise<void>((resolve) => {
      release = resolve;
    });
    bus.addTarget({
      ruleId: 'held',
      pattern: { source: ['bazaar.held'] },
      deliver: () => handled,
    });
    const result = await put('bazaar.held', 'OrderPaid', { order_id: 'ord_held', total_cents: 20_000 });
    const eventId = result.Entries![0]!.EventId!;
    try {
      expect(bus.deliveriesOf(eventId)).toEqual([
        { ruleId: 'bigOrders', status: 'delivered', attempts: 1 },
        { ruleId: 'held', status: 'pending', attempts: 1 },
      ]);
    } finally {
      release();
    }
    await bus.idle();
    expect(bus.deliveriesOf(eventId)).toEqual([
      { ruleId: 'bigOrders', status: 'delivered', attempts: 1 },
      { ruleId: 'held', status: 'delivered', attempts: 1 },
    ]);
  });

  it('logs the attempts of a retried delivery and marks a dead-lettered one', async () => {
    flakyFailuresLeft = 1;
    const retried = (await put('bazaar.flaky', 'Something', { id: 'f2' })).Entries![0]!.EventId!;
    const broken = (await put('bazaar.broken', 'Something', { id: 'b2' })).Entries![0]!.EventId!;
    await bus.idle();
    expect(bus.deliveriesOf(retried)).toEqual([{ ruleId: 'flaky', status: 'delivered', attempts: 2 }]);
    expect(bus.deliveriesOf(broken)).toEqual([{ ruleId: 'broken', status: 'dead-lettered', attempts: 3 }]);
  });

  it('logs no delivery for an event no rule matches, and knows no event it does not hold', async () => {
    const unmatched = (await put('bazaar.nobody', 'Something', { id: 'n1' })).Entries![0]!.EventId!;
    expect(bus.deliveriesOf(unmatched)).toEqual([]);
    expect(bus.deliveriesOf('no-such-event')).toBeUndefined();
  });

  it('forgets the deliveries of events that fall out of its history', async () => {
    const small = new LocalEventBus({ busName: 'bazaar', historySize: 2 });
    small.addTarget({ ruleId: 'all', pattern: { source: ['bazaar.orders'] }, deliver: async () => {} });
    const event = (id: string): BusEvent => ({
      version: '0',
      id,
      'detail-type': 'OrderPaid',
      source: 'bazaar.orders',
      account: '000000000000',
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { eventId: id, order_id: id },
    });
    for (const id of ['e1', 'e2', 'e3']) small.publish(event(id));
    await small.idle();
    expect(small.history.map((each) => each.id)).toEqual(['e2', 'e3']);
    expect(small.deliveriesOf('e1')).toBeUndefined();
    expect(small.deliveriesOf('e3')).toEqual([{ ruleId: 'all', status: 'delivered', attempts: 1 }]);
  });

  it('reports an entry for an unknown bus as failed, as EventBridge does', async () => {
    const result = await put('bazaar.orders', 'OrderPaid', { order_id: 'x', version: 1 }, 'no-such-bus');
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.ErrorCode).toBe('ResourceNotFoundException');
  });
});
