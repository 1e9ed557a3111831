import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { notificationsDeps } from '../deps';
import { notify } from '../service';

/** Rule target for order and stock events: one notification per event per user. */
export const handler = eventRuleHandler(async (event: BusEvent) =>
  notify(event['detail-type'], event.detail, notificationsDeps()),
);
