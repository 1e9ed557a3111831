import { orderRepository } from '../../../functions/orders/repository';
import { newId } from '../../../shared/ids';
import { orderRepositoryContract } from '../../support/contracts/order-repository.contract';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { relayedEvents } from '../../support/relayed-events';

describe('orders repository against DynamoDB Local', () => {
  orderRepositoryContract(() => ({
    orders: orderRepository(testDocumentClient(), tableName('ORDERS_TABLE_NAME')),
    // What the orders relay sends from the table's stream.
    eventsOf: async (orderId) =>
      (await relayedEvents('orders')).filter((event) => event.detail.order_id === orderId),
    // A condition on a row of another table: one that exists (passes) or a fresh key (fails).
    foreignItem: (passes) => ({
      ConditionCheck: {
        TableName: tableName('CARTS_TABLE_NAME'),
        Key: { pk: passes ? existingRow : `CART#${newId('usr')}`, sk: 'META' },
        ConditionExpression: 'attribute_exists(pk)',
      },
    }),
  }));
});

const existingRow = `CART#${newId('usr')}`;

beforeAll(async () => {
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  await testDocumentClient().send(
    new PutCommand({ TableName: tableName('CARTS_TABLE_NAME'), Item: { pk: existingRow, sk: 'META' } }),
  );
});
