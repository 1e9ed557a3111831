import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { replaceAddressRoute } from '../routes';
import { replaceAddress } from '../service';

export const handler = httpHandler(replaceAddressRoute, async ({ params, body, user }) =>
  ok(await replaceAddress(user.userId, params.address_id, body, identityDeps())),
);
