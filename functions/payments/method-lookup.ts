import { dynamo } from '../../shared/clients';
import { requireEnv } from '../../shared/config';
import type { PaymentMethodSnapshot } from '../orders/order';
import { paymentsRepository } from './repository';

/**
 * Orders' deps import this read, so it reaches the payments table directly and never through
 * ./deps, which imports orders' reads: that would close an import cycle (orders → payments → orders).
 */
let payments: ReturnType<typeof paymentsRepository> | undefined;

function paymentsTable() {
  payments ??= paymentsRepository(dynamo(), requireEnv('PAYMENTS_TABLE_NAME'));
  return payments;
}

/** The payments service's exported read for checkout: the caller's own, live payment method. */
export async function paymentMethodSnapshot(
  userId: string,
  paymentMethodId: string,
): Promise<PaymentMethodSnapshot | undefined> {
  const method = await paymentsTable().getMethod(userId, paymentMethodId);
  if (!method || method.deleted) return undefined;
  return {
    paymentMethodId: method.paymentMethodId,
    type: method.type,
    brand: method.brand,
    last4: method.last4,
  };
}
