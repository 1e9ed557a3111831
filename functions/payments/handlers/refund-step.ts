import { paymentsDeps } from '../deps';
import { refundOrder } from '../service';

/** Compensation: give back what the order was charged, once (refund key `saga`). */
export const handler = async (event: { order_id: string }) =>
  refundOrder(event.order_id, 'saga', 'remaining', paymentsDeps());
