import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../../shared/errors';
import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { paymentsDeps } from '../deps';
import { topUpWalletRoute } from '../routes';
import { topUpWallet } from '../service';

export const handler = httpHandler(topUpWalletRoute, async ({ body, user, headers }) => {
  const idempotencyKey = headers['idempotency-key'] ?? randomUUID();
  if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw ValidationError.forField('Idempotency-Key', 'must be 1 to 255 printable characters');
  }
  return created(
    await topUpWallet(
      user.userId,
      { amountCents: body.amount, paymentMethodId: body.payment_method_id, idempotencyKey },
      paymentsDeps(),
    ),
  );
});
