import { outboxRelay } from '../../../shared/outbox';
import { recommendationEventsOf } from '../events';

/** Stream target: BoughtTogetherChanged from the recommendations table's own images, in order. */
export const handler = outboxRelay({ entityEvents: recommendationEventsOf });
