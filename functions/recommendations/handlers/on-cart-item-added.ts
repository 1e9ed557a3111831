import type { BusEvent } from '../../../shared/events';
import { eventRuleHandler } from '../../../shared/handlers';
import { CartItemAdded } from '../../cart/events';
import { recommendationsDeps } from '../deps';
import { recordView } from '../service';

/** Putting something in the cart says more than looking at it: a view of weight 3. */
export const handler = eventRuleHandler(async (event: BusEvent<unknown>) => {
  const { user_id, product_id } = CartItemAdded.parse(event);
  return recordView(user_id ?? undefined, product_id, 3, recommendationsDeps());
});
