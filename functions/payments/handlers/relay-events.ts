import { outboxRelay } from '../../../shared/outbox';

/** Stream target: the payments table's outbox items (PaymentSucceeded) to the bus, in order. */
export const handler = outboxRelay();
