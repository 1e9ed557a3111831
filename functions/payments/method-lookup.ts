import type { PaymentMethodSnapshot } from '../orders/order';
import { paymentsDeps } from './deps';

/** The payments service's exported read for checkout: the caller's own, live payment method. */
export async function paymentMethodSnapshot(
  userId: string,
  paymentMethodId: string,
): Promise<PaymentMethodSnapshot | undefined> {
  const method = await paymentsDeps().payments.getMethod(userId, paymentMethodId);
  if (!method || method.deleted) return undefined;
  return {
    paymentMethodId: method.paymentMethodId,
    type: method.type,
    brand: method.brand,
    last4: method.last4,
  };
}
