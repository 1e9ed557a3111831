import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { updateMeRoute } from '../routes';
import { updateProfile } from '../service';

export const handler = httpHandler(updateMeRoute, async ({ body, user }) =>
  ok(await updateProfile(user.userId, body, identityDeps())),
);
