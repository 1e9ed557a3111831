import { sagaStepHandler } from '../../../shared/handlers';
import { paymentsDeps } from '../deps';
import { chargeOrder } from '../service';

/** Saga step: charge the order once (card through Stripe, or the wallet). */
export const handler = sagaStepHandler(
  async (event: { order_id: string }) => chargeOrder(event.order_id, paymentsDeps()),
  { countErrors: { PaymentDeclinedError: 'PaymentsDeclined' } },
);
