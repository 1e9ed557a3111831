import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type AwsEndpoint, startAwsEndpoint } from '../../../local/aws-endpoint';
import { LocalEventBus } from '../../../local/event-bus';
import type { BusEvent } from '../../../shared/events';

const keyOf = (event: BusEvent) => (event.detail as unknown as { object: { key: string } }).object.key;

/** S3 sends to the account's default bus; Bazaar's services publish to `bazaar`. */
describe('local event bus: rules on the default bus beside the bazaar bus', () => {
  let endpoint: AwsEndpoint;
  let bus: LocalEventBus;
  let client: EventBridgeClient;
  const onDefault: BusEvent[] = [];
  const onBazaar: BusEvent[] = [];
  const s3Pattern = { source: ['aws.s3'], 'detail-type': ['Object Created'] };

  beforeAll(async () => {
    endpoint = await startAwsEndpoint();
    bus = new LocalEventBus({ busName: 'bazaar', retryBaseMs: 5, maxAttempts: 2 });
    bus.attach(endpoint);
    bus.addTarget({
      ruleId: 'default-rule',
      bus: 'default',
      pattern: s3Pattern,
      deliver: async (e) => onDefault.push(e),
    });
    bus.addTarget({ ruleId: 'bazaar-rule', pattern: s3Pattern, deliver: async (e) => onBazaar.push(e) });
    client = new EventBridgeClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });

  beforeEach(() => {
    onDefault.length = 0;
    onBazaar.length = 0;
  });

  afterAll(async () => {
    await bus.idle();
    await endpoint.stop();
  });

  const put = (busName: string | undefined, key: string) =>
    client.send(
      new PutEventsCommand({
        Entries: [
          {
            ...(busName === undefined ? {} : { EventBusName: busName }),
            Source: 'aws.s3',
            DetailType: 'Object Created',
            Detail: JSON.stringify({ bucket: { name: 'b' }, object: { key } }),
          },
        ],
      }),
    );

  it('delivers an event published on the default bus only to the default bus’s rules', async () => {
    bus.publish(
      { source: 'aws.s3', 'detail-type': 'Object Created', detail: { object: { key: 'k1' } } } as never,
      'default',
    );
    await bus.idle();
    expect(onDefault.map((event) => keyOf(event))).toEqual(['k1']);
    expect(onBazaar).toEqual([]);
  });

  it('delivers a bazaar-bus event only to the bazaar bus’s rules', async () => {
    expect((await put('bazaar', 'k2')).FailedEntryCount).toBe(0);
    await bus.idle();
    expect(onBazaar).toHaveLength(1);
    expect(onDefault).toEqual([]);
  });

  it('accepts PutEvents to the default bus by name, by ARN, or by naming no bus', async () => {
    for (const [busName, key] of [
      ['default', 'k3'],
      ['arn:aws:events:us-east-1:000000000000:event-bus/default', 'k4'],
      [undefined, 'k5'],
    ] as const) {
      const result = await put(busName, key);
      expect(result.FailedEntryCount).toBe(0);
    }
    await bus.idle();
    expect(onDefault.map((event) => keyOf(event))).toEqual(['k3', 'k4', 'k5']);
    expect(onBazaar).toEqual([]);
  });

  it('names the bus of a dead-lettered event', async () => {
    bus.addTarget({
      ruleId: 'broken-default',
      bus: 'default',
      pattern: { source: ['aws.broken'] },
      deliver: async () => {
        throw new Error('nope');
      },
    });
    bus.publish({ source: 'aws.broken', 'detail-type': 'X', detail: {} } as never, 'default');
    await bus.idle();
    expect(bus.deadLetters).toEqual([expect.objectContaining({ ruleId: 'broken-default', bus: 'default' })]);
  });
});
