import { outboxRelay } from '../../../shared/outbox';
import { countOrderEvents } from '../metrics';

/** Stream target: the orders table's outbox items (every Order… event) to the bus, in order. */
export const handler = outboxRelay({ countSent: countOrderEvents });
