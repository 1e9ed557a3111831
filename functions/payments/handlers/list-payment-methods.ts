import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { listPaymentMethodsRoute } from '../routes';
import { listPaymentMethods } from '../service';

export const handler = httpHandler(listPaymentMethodsRoute, async ({ user }) =>
  ok({ items: await listPaymentMethods(user.userId, paymentsDeps()), next_cursor: null }),
);
