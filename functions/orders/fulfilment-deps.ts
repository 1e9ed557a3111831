import { intEnv } from '../../shared/config';
import { inventoryDeps } from '../inventory/deps';
import { release, restock } from '../inventory/service';
import { paymentsDeps } from '../payments/deps';
import { refundOrder, voidOrRefund } from '../payments/service';
import { orderStore } from './deps';
import type { FulfilmentDeps } from './fulfilment';
import { stopCheckoutSaga } from './saga';

async function refundedTotal(orderId: string): Promise<number> {
  return (await paymentsDeps().payments.getCharge(orderId))?.refundedCents ?? 0;
}

/** Fulfilment reaches payments and inventory through their exported service functions. */
export function fulfilmentDeps(): FulfilmentDeps {
  return {
    ...orderStore(),
    stopSaga: (orderId) => stopCheckoutSaga(orderId, 'The order was cancelled'),
    voidOrRefund: async (orderId, refundKey) => {
      await voidOrRefund(orderId, refundKey, paymentsDeps());
      return { refundedTotalCents: await refundedTotal(orderId) };
    },
    refund: async (orderId, refundKey, amount) => {
      await refundOrder(orderId, refundKey, amount, paymentsDeps());
      return { refundedTotalCents: await refundedTotal(orderId) };
    },
    releaseStock: async (orderId) => release(orderId, inventoryDeps()),
    restock: async (orderId, restockId, items) => {
      await restock(orderId, restockId, items, inventoryDeps());
    },
    returnWindowSeconds: intEnv('RETURN_WINDOW_SECONDS', 30 * 24 * 3600),
    shippingDays: intEnv('SHIPPING_DAYS', 3),
  };
}
