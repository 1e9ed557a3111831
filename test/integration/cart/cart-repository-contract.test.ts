import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { checkoutClaimUpdate } from '../../../functions/cart/cart-items';
import { cartRepository } from '../../../functions/cart/repository';
import { cartRepositoryContract } from '../../support/contracts/cart-repository.contract';
import { tableName, testDocumentClient } from '../../support/dynamo';

describe('carts repository against DynamoDB Local', () => {
  cartRepositoryContract(() => {
    const doc = testDocumentClient();
    const table = tableName('CARTS_TABLE_NAME');
    return {
      carts: cartRepository(doc, table),
      claim: async (cartId, version, orderId) => {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              checkoutClaimUpdate(table, { cartId, version, orderId, at: new Date().toISOString() }),
            ],
          }),
        );
      },
    };
  });
});
