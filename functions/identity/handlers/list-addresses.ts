import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { listAddressesRoute } from '../routes';
import { listAddresses } from '../service';

export const handler = httpHandler(listAddressesRoute, async ({ user }) =>
  ok({ items: await listAddresses(user.userId, identityDeps()), next_cursor: null }),
);
