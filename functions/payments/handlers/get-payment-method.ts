import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { getPaymentMethodRoute } from '../routes';
import { getPaymentMethod } from '../service';

export const handler = httpHandler(getPaymentMethodRoute, async ({ params, user }) =>
  ok(await getPaymentMethod(user.userId, params.payment_method_id, paymentsDeps())),
);
