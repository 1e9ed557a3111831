import { created } from '../../../shared/http/responses';
import { identityDeps } from '../deps';
import { httpHandler } from '../http-handler';
import { signupRoute } from '../routes';
import { signup } from '../service';

export const handler = httpHandler(signupRoute, async ({ body }) => {
  const token = await signup(body, identityDeps());
  return created({
    user_id: token.userId,
    access_token: token.accessToken,
    token_type: 'Bearer',
    expires_in: token.expiresIn,
  });
});
