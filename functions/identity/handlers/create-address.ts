import { created } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { createAddressRoute } from '../routes';
import { addAddress } from '../service';

export const handler = httpHandler(createAddressRoute, async ({ body, user }) =>
  created(await addAddress(user.userId, body, identityDeps())),
);
