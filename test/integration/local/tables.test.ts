import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTableInput, ensureTables } from '../../../local/tables';
import type { TableDefinition } from '../../../shared/manifests/types';
import { testDocumentClient } from '../../support/dynamo';

const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });

describe('local tables', () => {
  it('adds an index the manifest gained to a table kept from an earlier start, as a deploy would', async () => {
    const name = `tables-it-${randomUUID()}`;
    const before: TableDefinition = {
      id: 'payments',
      envVar: 'PAYMENTS_TABLE_NAME',
      owner: 'payments',
      partitionKey: 'pk',
      sortKey: 'sk',
    };
    await ensureTables(client, [before], () => name);
    const doc = testDocumentClient();
    await doc.send(
      new PutCommand({ TableName: name, Item: { pk: 'A', sk: 'B', open_bucket: 'OPEN', at: '1' } }),
    );

    await ensureTables(
      client,
      [{ ...before, gsis: [{ name: 'ByBucket', partitionKey: 'open_bucket', sortKey: 'at' }] }],
      () => name,
    );

    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['ByBucket']);
    const found = await doc.send(
      new QueryCommand({
        TableName: name,
        IndexName: 'ByBucket',
        KeyConditionExpression: 'open_bucket = :open',
        ExpressionAttributeValues: { ':open': 'OPEN' },
      }),
    );
    expect(found.Items).toEqual([expect.objectContaining({ pk: 'A', sk: 'B' })]);
    // DynamoDB Local builds the index in the background: seconds on a loaded machine.
  }, 30_000);

  it('gives a table kept from before its manifest declared a stream and TTL both, on the next start', async () => {
    const definition: TableDefinition = {
      id: 'orders',
      envVar: 'ORDERS_TABLE_NAME',
      owner: 'orders',
      partitionKey: 'pk',
      sortKey: 'sk',
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expires_at',
    };
    const name = `tables-it-${randomUUID()}`;
    const { StreamSpecification: _, ...withoutStream } = createTableInput(definition, name);
    await client.send(new CreateTableCommand(withoutStream));

    await ensureTables(client, [definition], () => name);
    await ensureTables(client, [definition], () => name);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamArn).toBeDefined();
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' });
  });
});
