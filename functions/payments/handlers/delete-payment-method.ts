import { noContent } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { deletePaymentMethodRoute } from '../routes';
import { deletePaymentMethod } from '../service';

export const handler = httpHandler(deletePaymentMethodRoute, async ({ params, user }) => {
  await deletePaymentMethod(user.userId, params.payment_method_id, paymentsDeps());
  return noContent();
});
