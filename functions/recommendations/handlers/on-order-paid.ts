import type { BusEvent } from '../../../shared/events';
import { recommendationsDeps } from '../deps';
import { countOrder } from '../service';

/** Rule target for OrderPaid: co-purchase and best-seller counts, once per order however often it arrives. */
export const handler = async (
  event: BusEvent<{ order_id: string; lines: Array<{ product_id: string; quantity: number }> }>,
) => countOrder(event.detail.order_id, event.detail.lines, recommendationsDeps());
