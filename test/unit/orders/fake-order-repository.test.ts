import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { orderRepositoryContract } from '../../support/contracts/order-repository.contract';
import { fakeOrderRepository } from '../../support/fakes/order-repository';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

describe('the in-memory orders repository keeps the contract of the DynamoDB adapter', () => {
  orderRepositoryContract(() => {
    const orders = fakeOrderRepository({
      check: (item) => item.ConditionCheck?.ExpressionAttributeValues?.[':passes'] === true,
      apply: () => {},
    });
    return {
      orders,
      eventsOf: async (orderId: string) => orders.outbox.filter((event) => event.detail.order_id === orderId),
      foreignItem: (passes): TransactItem => ({
        ConditionCheck: {
          TableName: 'other',
          Key: { pk: 'x' },
          ConditionExpression: 'x',
          ExpressionAttributeValues: { ':passes': passes },
        },
      }),
    };
  });
});
