import { outboxRelay } from '../../../shared/outbox';
import { productEventsOf } from '../events';

/** Stream target: ProductChanged from the products table's own images, in order. */
export const handler = outboxRelay({ entityEvents: productEventsOf });
