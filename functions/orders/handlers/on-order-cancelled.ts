import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { orderStore } from '../deps';
import { OrderCancelled } from '../events';
import { compensateCancellation } from '../fulfilment';
import { fulfilmentDeps } from '../fulfilment-deps';

/**
 * Rule target for OrderCancelled: runs the cancellation's compensations again (each is
 * idempotent), so a cancel whose refund or restock failed half-way is still finished — the
 * bus retries this until it succeeds or dead-letters it.
 */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const order = await orderStore().orders.get(OrderCancelled.parse(event).order_id);
  if (order) await compensateCancellation(order, fulfilmentDeps());
});
