import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { getMeRoute } from '../routes';
import { getProfile } from '../service';

export const handler = httpHandler(getMeRoute, async ({ user }) =>
  ok(await getProfile(user.userId, identityDeps())),
);
