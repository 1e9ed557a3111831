import type { DomainEvent } from '../../shared/events';
import type { MetricsPort } from '../../shared/metrics';

/**
 * Orders placed, paid, failed (by reason) and refunded, counted off the order events the relay
 * has sent: whichever path changed the order (saga, reconciler, Stripe's webhook, a
 * cancellation), its event is written once with the change, so each is counted once.
 */
export function countOrderEvents(events: DomainEvent[], metrics: MetricsPort): void {
  for (const event of events) {
    if (event.detailType === 'OrderPlaced') metrics.count('OrdersPlaced');
    else if (event.detailType === 'OrderPaid') metrics.count('OrdersPaid');
    else if (event.detailType === 'OrderRefunded') metrics.count('OrdersRefunded');
    else if (event.detailType === 'OrderFailed') {
      const reason = event.detail.failure_reason;
      metrics.count('OrdersFailed', 1, { reason: typeof reason === 'string' ? reason : 'unknown' });
    }
  }
}
