import { sagaStepHandler } from '../../../shared/handlers';
import { orderStore } from '../deps';
import { markFailed } from '../service';

/** Saga step: pending → failed with the reason the saga met, then OrderFailed. */
export const handler = sagaStepHandler(
  async (event: { order_id: string; failure_reason: string }): Promise<{ status: string }> => {
    const { order } = await markFailed(event.order_id, event.failure_reason, orderStore());
    return { status: order.status };
  },
);
