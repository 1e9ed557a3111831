import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { StreamPoller } from '../../../local/stream-poller';

const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
const dynamodb = new DynamoDBClient({ endpoint });
const doc = DynamoDBDocumentClient.from(dynamodb);

async function streamTable(): Promise<string> {
  const name = `it-stream-${randomUUID().slice(0, 8)}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return name;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('stream poller against DynamoDB Local streams', () => {
  const pollers: StreamPoller[] = [];
  afterAll(async () => {
    for (const poller of pollers) await poller.stop();
  });

  function newPoller(idlePollIntervalMs?: number): StreamPoller {
    const poller = new StreamPoller({
      dynamodb,
      streams: new DynamoDBStreamsClient({ endpoint }),
      pollIntervalMs: 50,
      idlePollIntervalMs,
    });
    pollers.push(poller);
    return poller;
  }

  it('delivers a write to the mapped handler as a Lambda stream event', async () => {
    const table = await streamTable();
    const seen: DynamoDBRecord[] = [];
    const poller = newPoller();
    await poller.add({
      id: 'test',
      tableName: table,
      batchSize: 10,
      maxRetries: 2,
      deliver: async (event) => void seen.push(...event.Records),
    });
    poller.start();
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'a', status: 'active' } }));
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: { pk: { S: 'a' } }, NewImage: { pk: { S: 'a' }, status: { S: 'active' } } },
    });
  });

  it('reads an idle stream only at the idle pace, and at the busy pace once woken', async () => {
    const table = await streamTable();
    const seen: string[] = [];
    const poller = newPoller(60_000);
    await poller.add({
      id: 'idle',
      tableName: table,
      batchSize: 10,
      maxRetries: 2,
      deliver: async (event) =>
        void seen.push(...event.Records.map((record) => record.dynamodb!.Keys!.pk!.S!)),
    });
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first pass found nothing
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'unannounced' } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([]);

    poller.wake();
    await until(() => seen.length === 1, 2_000);
    expect(seen).toEqual(['unannounced']);
  });

  it('wakes only the mappings of the table that was written', async () => {
    const [written, untouched] = [await streamTable(), await streamTable()];
    const seen: string[] = [];
    const poller = newPoller(60_000);
    for (const table of [written, untouched]) {
      await poller.add({
        id: table,
        tableName: table,
        batchSize: 10,
        maxRetries: 2,
        deliver: async (event) =>
          void seen.push(...event.Records.map((record) => `${table}:${record.dynamodb!.Keys!.pk!.S!}`)),
      });
    }
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first passes found nothing
    for (const table of [written, untouched]) {
      await doc.send(new PutCommand({ TableName: table, Item: { pk: 'new' } }));
    }

    poller.wake(written);
    await until(() => seen.length > 0, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([`${written}:new`]);
  });

  it('reads idle streams in turns spread over the idle interval, not all at once', async () => {
    const reads: Array<{ stream: string; at: number }> = [];
    const streams = new DynamoDBStreamsClient({ endpoint });
    streams.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetRecordsCommand') {
          const iterator = String((args.input as { ShardIterator?: string }).ShardIterator);
          reads.push({ stream: iterator.split('|')[0]!, at: Date.now() });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const poller = new StreamPoller({ dynamodb, streams, pollIntervalMs: 50, idlePollIntervalMs: 800 });
    pollers.push(poller);
    for (let i = 0; i < 2; i++) {
      const table = await streamTable();
      await poller.add({
        id: table,
        tableName: table,
        batchSize: 10,
        maxRetries: 0,
        deliver: async () => undefined,
      });
    }
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await poller.stop();

    // After the first passes (both at start), each stream is read once an interval, and the
    // other stream's reads fall half an interval away.
    const idle = reads.filter(({ at }) => at > reads[0]!.at + 400);
    const perStream = new Map<string, number[]>();
    for (const { stream, at } of idle) perStream.set(stream, [...(perStream.get(stream) ?? []), at]);
    expect(perStream.size).toBe(2);
    for (const times of perStream.values()) expect(times.length).toBeGreaterThanOrEqual(2);
    const closest = Math.min(
      ...idle.flatMap((read) =>
        idle.filter((other) => other.stream !== read.stream).map((other) => Math.abs(other.at - read.at)),
      ),
    );
    expect(closest).toBeGreaterThan(200);
  });

  it('retries from the first failed record of a partial batch failure, in order', async () => {
    const table = await streamTable();
    const attempts: string[] = [];
    let failOnce = true;
    const poller = newPoller();
    await poller.add({
      id: 'partial',
      tableName: table,
      batchSize: 10,
      maxRetries: 3,
      deliver: async (event) => {
        const failures = [];
        for (const record of event.Records) {
          const pk = record.dynamodb!.NewImage!.pk!.S!;
          attempts.push(pk);
          if (pk === 'b' && failOnce) {
            failOnce = false;
            failures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
          }
        }
        return { batchItemFailures: failures };
      },
    });
    for (const pk of ['a', 'b', 'c']) await doc.send(new PutCommand({ TableName: table, Item: { pk } }));
    poller.start();
    await until(() => attempts.filter((pk) => pk === 'c').length >= 2 && attempts.includes('b'));
    // 'a' succeeded once and is not redelivered; 'b' and what follows it are.
    expect(attempts.filter((pk) => pk === 'a')).toHaveLength(1);
    expect(attempts.filter((pk) => pk === 'b')).toHaveLength(2);
  });

  it('gives up on a batch after maxRetries and moves on', async () => {
    const table = await streamTable();
    const delivered: string[] = [];
    const poller = newPoller();
    await poller.add({
      id: 'poison',
      tableName: table,
      batchSize: 1,
      maxRetries: 2,
      deliver: async (event) => {
        const pk = event.Records[0]!.dynamodb!.NewImage!.pk!.S!;
        if (pk === 'poison') throw new Error('cannot process');
        delivered.push(pk);
        return undefined;
      },
    });
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'poison' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'fine' } }));
    poller.start();
    await until(() => delivered.includes('fine'));
    expect(poller.failedBatches).toEqual([
      expect.objectContaining({ mappingId: 'poison', error: 'cannot process' }),
    ]);
  });

  it('applies event filters before delivery', async () => {
    const table = await streamTable();
    const seen: string[] = [];
    const poller = newPoller();
    await poller.add({
      id: 'filtered',
      tableName: table,
      batchSize: 10,
      maxRetries: 1,
      filters: [{ dynamodb: { NewImage: { status: { S: ['active'] } } } }],
      deliver: async (event) => void seen.push(...event.Records.map((r) => r.dynamodb!.NewImage!.pk!.S!)),
    });
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'draft-1', status: 'draft' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'active-1', status: 'active' } }));
    poller.start();
    await until(() => seen.length > 0);
    await poller.drained();
    expect(seen).toEqual(['active-1']);
  });

  it('is quiet only after a pass that read nothing, where drained only says the pass ended', async () => {
    const table = await streamTable();
    const seen: string[] = [];
    const poller = newPoller(); // not started: each pass below is the test's own
    await poller.add({
      id: 'test',
      tableName: table,
      batchSize: 10,
      maxRetries: 0,
      deliver: async (event) => {
        for (const record of event.Records) seen.push(record.dynamodb?.Keys?.pk?.S ?? '');
        return undefined;
      },
    });

    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'first' } }));
    expect(await poller.quiet()).toBe(false);
    expect(seen).toEqual(['first']);
    expect(await poller.quiet()).toBe(true);

    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'second' } }));
    expect(await poller.quiet()).toBe(false);
    expect(await poller.quiet()).toBe(true);
    expect(await poller.drained()).toBe(true);
    expect(seen).toEqual(['first', 'second']);
  });
});
