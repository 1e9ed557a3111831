import type { BusEvent } from '../../../shared/events';
import { notificationsDeps } from '../deps';
import { notify } from '../service';

/** Rule target for order and stock events: one notification per event per user. */
export const handler = async (event: BusEvent) =>
  notify(event['detail-type'], event.detail, notificationsDeps());
