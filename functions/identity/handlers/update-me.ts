import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { updateMeRoute } from '../routes';
import { updateProfile } from '../service';

export const handler = httpHandler(updateMeRoute, async ({ body, user }) =>
  ok(await updateProfile(user.userId, body, identityDeps())),
);
