import { paymentsRepositoryContract } from '../../support/contracts/payments-repository.contract';
import { fakePaymentsRepository } from '../../support/fake-payments';

describe('the in-memory payments repository keeps the contract of the DynamoDB adapter', () => {
  paymentsRepositoryContract(fakePaymentsRepository);
});
