import { sagaStepHandler } from '../../../shared/handlers';
import { paymentsDeps } from '../deps';
import { refundOrder } from '../service';

/** Compensation: give back what the order was charged, once (refund key `saga`). */
export const handler = sagaStepHandler(
  async (event: { order_id: string }) => refundOrder(event.order_id, 'saga', 'remaining', paymentsDeps()),
  {
    count: (result, _event, metrics) => {
      if (result.status !== 'nothing_to_refund') metrics.count('RefundsRequested');
      if (result.status === 'failed') metrics.count('RefundsFailed');
    },
  },
);
