import { noContent } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { deleteAddressRoute } from '../routes';
import { deleteAddress } from '../service';

export const handler = httpHandler(deleteAddressRoute, async ({ params, user }) => {
  await deleteAddress(user.userId, params.address_id, identityDeps());
  return noContent();
});
