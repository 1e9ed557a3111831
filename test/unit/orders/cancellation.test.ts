import { compensateCancellation, type FulfilmentDeps } from '../../../functions/orders/fulfilment';
import type { OrderRecord } from '../../../functions/orders/order';
import { PaymentProviderError } from '../../../functions/payments/errors';

const cancelled = {
  orderId: 'ord_CANCELLEDUNIT',
  userId: 'usr_BUYER',
  status: 'cancelled',
  refundedCents: 0,
  lines: [{ productId: 'prod_A', sellerId: 'usr_SELLER', quantity: 2 }],
} as unknown as OrderRecord;

function fulfilmentFakes(reservationState: string) {
  const calls: string[] = [];
  const deps = {
    stopSaga: async () => void calls.push('stopSaga'),
    voidOrRefund: async () => {
      calls.push('voidOrRefund');
      throw new PaymentProviderError('Payment provider failed: connection reset');
    },
    releaseStock: async () => {
      calls.push('releaseStock');
      return { state: reservationState };
    },
    restock: async () => void calls.push('restock'),
  } as unknown as FulfilmentDeps;
  return { deps, calls };
}

describe('a cancellation whose refund fails', () => {
  it('still releases the reservation, then reports the refund failure so it is run again', async () => {
    const { deps, calls } = fulfilmentFakes('released');

    await expect(compensateCancellation(cancelled, deps)).rejects.toBeInstanceOf(PaymentProviderError);

    expect(calls).toEqual(['stopSaga', 'voidOrRefund', 'releaseStock']);
  });

  it('still puts sold stock back on the shelf', async () => {
    const { deps, calls } = fulfilmentFakes('committed');

    await expect(compensateCancellation(cancelled, deps)).rejects.toBeInstanceOf(PaymentProviderError);

    expect(calls).toEqual(['stopSaga', 'voidOrRefund', 'releaseStock', 'restock']);
  });
});
