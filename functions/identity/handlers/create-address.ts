import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { createAddressRoute } from '../routes';
import { addAddress } from '../service';

export const handler = httpHandler(createAddressRoute, async ({ body, user }) =>
  created(await addAddress(user.userId, body, identityDeps())),
);
