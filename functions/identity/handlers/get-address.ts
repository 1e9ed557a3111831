import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { getAddressRoute } from '../routes';
import { getAddress } from '../service';

export const handler = httpHandler(getAddressRoute, async ({ params, user }) =>
  ok(await getAddress(user.userId, params.address_id, identityDeps())),
);
