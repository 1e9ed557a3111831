import { inventoryDeps } from '../inventory/deps';
import { commit, release } from '../inventory/service';
import { paymentsDeps } from '../payments/deps';
import { paymentOutcome, refundOrder } from '../payments/service';
import { orderStore } from './deps';
import type { SettlementDeps } from './settlement';

/** Settlement talks to inventory and payments through their exported service functions. */
export function settlementDeps(): SettlementDeps {
  return {
    store: orderStore(),
    paymentOutcome: (orderId) => paymentOutcome(orderId, paymentsDeps()),
    commitStock: async (orderId) => {
      await commit(orderId, inventoryDeps());
    },
    releaseStock: async (orderId) => {
      await release(orderId, inventoryDeps());
    },
    refund: (orderId, refundKey) => refundOrder(orderId, refundKey, 'remaining', paymentsDeps()),
  };
}
