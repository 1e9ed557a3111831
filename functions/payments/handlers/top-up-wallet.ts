import { randomUUID } from 'node:crypto';
import { idempotencyKeyFrom } from '../../../shared/http/idempotency-key';
import { created } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { topUpWalletRoute } from '../routes';
import { topUpWallet } from '../service';

export const handler = httpHandler(topUpWalletRoute, async ({ body, user, headers }) => {
  // Without a key, each request is a top-up of its own.
  const idempotencyKey = idempotencyKeyFrom(headers) ?? randomUUID();
  return created(
    await topUpWallet(
      user.userId,
      { amountCents: body.amount, paymentMethodId: body.payment_method_id, idempotencyKey },
      paymentsDeps(),
    ),
  );
});
