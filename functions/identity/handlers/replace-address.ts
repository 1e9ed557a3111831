import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { replaceAddressRoute } from '../routes';
import { replaceAddress } from '../service';

export const handler = httpHandler(replaceAddressRoute, async ({ params, body, user }) =>
  ok(await replaceAddress(user.userId, params.address_id, body, identityDeps())),
);
