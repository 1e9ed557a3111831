import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { listAddressesRoute } from '../routes';
import { listAddresses } from '../service';

export const handler = httpHandler(listAddressesRoute, async ({ user }) =>
  ok({ items: await listAddresses(user.userId, identityDeps()), next_cursor: null }),
);
