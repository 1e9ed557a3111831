import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { createPaymentMethodRoute } from '../routes';
import { addPaymentMethod } from '../service';

export const handler = httpHandler(createPaymentMethodRoute, async ({ body, user }) =>
  created(await addPaymentMethod(user.userId, body, paymentsDeps())),
);
