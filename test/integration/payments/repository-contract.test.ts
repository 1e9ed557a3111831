import { paymentsRepository } from '../../../functions/payments/repository';
import { paymentsRepositoryContract } from '../../support/contracts/payments-repository.contract';
import { doc, table } from './payments-support';

describe('the payments repository against DynamoDB Local', () => {
  paymentsRepositoryContract(() => paymentsRepository(doc, table));
});
