import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoDb } from '../../../local/faults/dynamodb-middleware';
import { FaultInjector } from '../../../local/faults/faults';
import { localUsage } from '../../../local/usage';
import { newId } from '../../../shared/ids';
import { tableName } from '../../support/dynamo';

const ordersTable = tableName('ORDERS_TABLE_NAME');

/** What the middleware metered for the orders table, and its estimate for refused writes, since `run` began. */
async function metered(run: () => Promise<unknown>) {
  localUsage.reset();
  await run();
  const usage = localUsage.snapshot();
  return {
    orders: usage.dynamodb[ordersTable] ?? { readUnits: 0, writeUnits: 0, requests: 0 },
    refused: usage.dynamodbUnreported,
  };
}

describe('the handlers’ DynamoDB middleware meters what DynamoDB would bill', () => {
  let doc: DynamoDBDocumentClient;

  beforeAll(() => {
    const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, maxAttempts: 1 });
    client.middlewareStack.use(localDynamoDb(new FaultInjector()).plugin);
    doc = DynamoDBDocumentClient.from(client);
  });

  const pk = newId('req');
  const large = 'x'.repeat(1500);

  it('counts a 1.5 KB write as 2 WRU, and its reads per consistency', async () => {
    expect(
      (
        await metered(() =>
          doc.send(new PutCommand({ TableName: ordersTable, Item: { pk, sk: 'A', large } })),
        )
      ).orders,
    ).toEqual({ readUnits: 0, writeUnits: 2, requests: 1 });
    const strong = await metered(() =>
      doc.send(new GetCommand({ TableName: ordersTable, Key: { pk, sk: 'A' }, ConsistentRead: true })),
    );
    expect(strong.orders.readUnits).toBe(1);
    const eventual = await metered(() =>
      doc.send(new GetCommand({ TableName: ordersTable, Key: { pk, sk: 'A' } })),
    );
    expect(eventual.orders.readUnits).toBe(0.5);
  });

  it('meters an answer by its own ConsumedCapacity, not by an item attribute of that name', async () => {
    const decoy = { ConsumedCapacity: { TableName: 'decoy-table', CapacityUnits: 99 } };
    await doc.send(new PutCommand({ TableName: ordersTable, Item: { pk, sk: 'DECOY', ...decoy } }));
    const read = await metered(() =>
      doc.send(new GetCommand({ TableName: ordersTable, Key: { pk, sk: 'DECOY' } })),
    );
    expect(read.orders).toEqual({ readUnits: 0.5, writeUnits: 0, requests: 1 });
    expect(localUsage.snapshot().dynamodb['decoy-table']).toBeUndefined();
  });

  it('counts a transaction at twice the units of its writes', async () => {
    const { orders } = await metered(() =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: ordersTable, Item: { pk, sk: 'B' } } },
            { Put: { TableName: ordersTable, Item: { pk, sk: 'C' } } },
          ],
        }),
      ),
    );
    expect(orders.writeUnits).toBe(4);
  });

  it('estimates a write refused by its condition from the size of the item it would have written', async () => {
    const { refused } = await metered(() =>
      doc
        .send(
          new PutCommand({
            TableName: ordersTable,
            Item: { pk, sk: 'A', large },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: Error) => expect(error.name).toBe('ConditionalCheckFailedException')),
    );
    expect(refused).toEqual({ requests: 1, writeUnitsEstimate: 2 });
  });

  it('gives the caller the answer it asked for when it asks for capacity itself', async () => {
    const answer = await doc.send(
      new GetCommand({ TableName: ordersTable, Key: { pk, sk: 'A' }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    expect(answer.Item).toMatchObject({ pk, sk: 'A' });
    expect(answer.ConsumedCapacity).toMatchObject({ TableName: ordersTable, Table: { CapacityUnits: 0.5 } });
  });
});
