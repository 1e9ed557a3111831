import { created } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { registerSellerRoute } from '../routes';
import { registerSeller } from '../service';

export const handler = httpHandler(registerSellerRoute, async ({ body, user }) =>
  created(await registerSeller(user.userId, body.store_name, identityDeps())),
);
