import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { getMeRoute } from '../routes';
import { getProfile } from '../service';

export const handler = httpHandler(getMeRoute, async ({ user }) =>
  ok(await getProfile(user.userId, identityDeps())),
);
