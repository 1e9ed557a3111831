import type { BusEvent } from '../../../shared/events';
import { recommendationsDeps } from '../deps';
import { recordView } from '../service';

/** Putting something in the cart says more than looking at it: a view of weight 3. */
export const handler = async (event: BusEvent<{ user_id: string | null; product_id: string }>) =>
  recordView(event.detail.user_id ?? undefined, event.detail.product_id, 3, recommendationsDeps());
