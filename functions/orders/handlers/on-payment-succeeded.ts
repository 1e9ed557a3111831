import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { logger } from '../../../shared/logger';
import { PaymentSucceeded } from '../../payments/events';
import { settlePendingOrder } from '../settlement';
import { settlementDeps } from '../settlement-deps';

/**
 * Rule target for payments' PaymentSucceeded (Stripe's webhook): a pending order whose charge
 * went through is finished as the reconciler would (stock confirmed, order paid). Settling is
 * idempotent, so a redelivery, the saga and the reconciler may all race it.
 */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { order_id } = PaymentSucceeded.parse(event);
  const outcome = await settlePendingOrder(order_id, settlementDeps());
  logger.info('PaymentSucceeded settled an order', { orderId: order_id, outcome });
});
