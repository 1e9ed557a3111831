import { outboxRelay } from '../../../shared/outbox';
import { reviewEventsOf } from '../events';

/** Stream target: RatingChanged and ReviewPosted from the reviews table's own images, in order. */
export const handler = outboxRelay({ entityEvents: reviewEventsOf });
