import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryRepository } from '../../../functions/inventory/repository';
import { newStockRecordPut, stockKey } from '../../../functions/inventory/stock-records';
import { type LocalDynamoDb, localDynamoDb } from '../../../local/faults/dynamodb-middleware';
import { FaultInjector } from '../../../local/faults/faults';
import { cancellationReasons, isTransactionConflict } from '../../../shared/dynamo-errors';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';

const inventoryTable = tableName('INVENTORY_TABLE_NAME');
const ordersTable = tableName('ORDERS_TABLE_NAME');
const direct = testDocumentClient();

/** A document client that carries the local middleware, as the handlers' client does. */
function throughMiddleware(local: LocalDynamoDb, maxAttempts = 3): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, maxAttempts });
  client.middlewareStack.use(local.plugin);
  return DynamoDBDocumentClient.from(client);
}

/** The rejection of a promise that must reject. */
const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error) => error,
  );

describe('the handlers’ DynamoDB middleware', () => {
  let faults: FaultInjector;
  let local: LocalDynamoDb;

  beforeAll(async () => {
    faults = new FaultInjector({
      seed: 3,
      tableName: (id) => (id === 'inventory' ? inventoryTable : undefined),
    });
    local = localDynamoDb(faults);
  });
  afterEach(() => faults.clear());

  it('passes requests through unchanged when no fault is armed', async () => {
    const doc = throughMiddleware(local);
    const pk = newId('req');
    await doc.send(new PutCommand({ TableName: ordersTable, Item: { pk, sk: 'A', note: 'through' } }));

    const stored = await direct.send(new GetCommand({ TableName: ordersTable, Key: { pk, sk: 'A' } }));
    expect(stored.Item).toEqual({ pk, sk: 'A', note: 'through' });
    expect(faults.log()).toEqual([]);
  });

  it('tells its write listeners of each answered write and the tables it wrote, not of reads or of refused writes', async () => {
    const written: Array<string | undefined> = [];
    local.onWrite((table) => written.push(table));
    const doc = throughMiddleware(local);
    const pk = newId('req');
    await doc.send(new PutCommand({ TableName: ordersTable, Item: { pk, sk: 'A' } }));
    expect(written).toEqual([ordersTable]);

    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: ordersTable, Item: { pk, sk: 'B' } } },
          { Put: { TableName: inventoryTable, Item: { pk, sk: 'B' } } },
        ],
      }),
    );
    expect(written.slice(1).sort()).toEqual([inventoryTable, ordersTable].sort());

    await doc.send(new GetCommand({ TableName: ordersTable, Key: { pk, sk: 'A' } }));
    await rejectionOf(
      doc.send(
        new PutCommand({
          TableName: ordersTable,
          Item: { pk, sk: 'A' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    expect(written).toHaveLength(3);
  });

  it('throttles with ProvisionedThroughputExceededException, which the SDK retries to success', async () => {
    const [fault] = faults.add({
      kind: 'dynamodb:throughput-exceeded',
      target: { table: 'inventory' },
      count: 2,
    });
    const pk = newId('req');

    await throughMiddleware(local, 3).send(
      new PutCommand({ TableName: inventoryTable, Item: { pk, sk: 'T' } }),
    );

    expect(faults.log().filter((hit) => hit.faultId === fault!.id)).toHaveLength(2);
    const stored = await direct.send(new GetCommand({ TableName: inventoryTable, Key: { pk, sk: 'T' } }));
    expect(stored.Item).toEqual({ pk, sk: 'T' });
  });

  it('answers the throttle in DynamoDB’s own shape when the SDK runs out of attempts, and leaves other tables alone', async () => {
    const [fault] = faults.add({ kind: 'dynamodb:throughput-exceeded', target: { table: 'inventory' } });
    const doc = throughMiddleware(local, 1);

    const error = await rejectionOf(
      doc.send(new PutCommand({ TableName: inventoryTable, Item: { pk: newId('req'), sk: 'T' } })),
    );
    await doc.send(new PutCommand({ TableName: ordersTable, Item: { pk: newId('req'), sk: 'T' } }));

    expect(error.name).toBe('ProvisionedThroughputExceededException');
    expect(faults.log().filter((hit) => hit.faultId === fault!.id)).toHaveLength(1);
  });

  it('cancels a transaction touching the target table with a TransactionConflict reason, writing nothing', async () => {
    faults.add({ kind: 'dynamodb:transaction-conflict', target: { table: 'inventory' }, count: 1 });
    const pk = newId('req');
    const transaction = () =>
      throughMiddleware(local).send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: inventoryTable, Item: { pk, sk: 'X' } } },
            { Put: { TableName: ordersTable, Item: { pk, sk: 'Y' } } },
          ],
        }),
      );

    const error = await rejectionOf(transaction());

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(cancellationReasons(error)).toEqual(['TransactionConflict', 'None']);
    expect(isTransactionConflict(error)).toBe(true);
    expect(
      (await direct.send(new GetCommand({ TableName: inventoryTable, Key: { pk, sk: 'X' } }))).Item,
    ).toBe(undefined);
    await transaction();
    expect(
      (await direct.send(new GetCommand({ TableName: inventoryTable, Key: { pk, sk: 'X' } }))).Item,
    ).toEqual({
      pk,
      sk: 'X',
    });
  });

  it('the inventory repository retries conflicting reservations until they land, moving stock once each', async () => {
    const [fault] = faults.add({
      kind: 'dynamodb:transaction-conflict',
      target: { table: 'inventory' },
      probability: 0.5,
    });
    const productId = newId('prod');
    const put = newStockRecordPut(inventoryTable, {
      productId,
      sellerId: 'usr_PROXYSELLER',
      available: 10,
      now: new Date().toISOString(),
    });
    await direct.send(new PutCommand(put.Put as never));
    const repository = inventoryRepository(throughMiddleware(local), inventoryTable);
    const expiresAt = new Date(Date.now() + 600_000).toISOString();

    for (let order = 0; order < 6; order++) {
      await repository.reserve(
        newId('ord'),
        [{ productId, quantity: 1 }],
        expiresAt,
        new Date().toISOString(),
      );
    }

    expect(faults.log().filter((hit) => hit.faultId === fault!.id).length).toBeGreaterThan(0);
    const stock = await direct.send(new GetCommand({ TableName: inventoryTable, Key: stockKey(productId) }));
    expect(stock.Item).toMatchObject({ available: 4, reserved: 6 });
  });
});
