import { ok } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { paymentsDeps } from '../deps';
import { getWalletRoute } from '../routes';
import { getWallet } from '../service';

export const handler = httpHandler(getWalletRoute, async ({ user }) =>
  ok(await getWallet(user.userId, paymentsDeps())),
);
