import { sagaStepHandler } from '../../../shared/handlers';
import { orderStore } from '../deps';
import { markPaid } from '../service';

/** Saga step: pending → paid, then OrderPaid. Repeating it changes nothing. */
export const handler = sagaStepHandler(async (event: { order_id: string }): Promise<{ status: string }> => {
  const { order } = await markPaid(event.order_id, orderStore());
  return { status: order.status };
});
