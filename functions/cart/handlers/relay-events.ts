import { outboxRelay } from '../../../shared/outbox';
import { cartEventsOf } from '../events';

/** Stream target: CartItemAdded from the carts table's own line images, in order. */
export const handler = outboxRelay({ entityEvents: cartEventsOf });
