import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTables } from '../../../local/tables';
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
  });
});
