import { cartRepositoryContract } from '../../support/contracts/cart-repository.contract';
import { fakeCartRepository } from '../../support/fakes/cart-repository';

describe('the in-memory carts repository keeps the contract of the DynamoDB adapter', () => {
  cartRepositoryContract(() => {
    const carts = fakeCartRepository();
    return { carts, claim: async (cartId, version, orderId) => carts.claim(cartId, version, orderId) };
  });
});
