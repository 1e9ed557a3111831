import { ok } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { loginRoute } from '../routes';
import { login } from '../service';

export const handler = httpHandler(loginRoute, async ({ body }) => {
  const token = await login(body.email, body.password, identityDeps());
  return ok({
    user_id: token.userId,
    access_token: token.accessToken,
    token_type: 'Bearer',
    expires_in: token.expiresIn,
  });
});
