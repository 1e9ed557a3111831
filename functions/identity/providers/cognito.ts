import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ValidationError } from '../../../shared/errors';
import { EmailTakenError, InvalidCredentialsError } from '../errors';
import type { IdentityProvider } from './identity-provider';

/**
 * Cognito keeps the passwords. Users are created with Bazaar's user id as their username
 * (so access tokens carry it in `username`) and sign in with their e-mail as an alias.
 */
export function cognitoProvider(
  client: CognitoIdentityProviderClient,
  settings: { userPoolId: string; clientId: string },
): IdentityProvider {
  return {
    async register({ userId, email, password }) {
      try {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: settings.userPoolId,
            Username: userId,
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
            ],
          }),
        );
      } catch (error) {
        if (
          (error as Error).name === 'UsernameExistsException' ||
          (error as Error).name === 'AliasExistsException'
        ) {
          throw new EmailTakenError();
        }
        throw error;
      }
      try {
        await client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: settings.userPoolId,
            Username: userId,
            Password: password,
            Permanent: true,
          }),
        );
      } catch (error) {
        // A user without a password could never sign in, yet would hold the e-mail: remove it.
        // The original failure is what the caller needs to see, so a failed delete is ignored.
        await client
          .send(new AdminDeleteUserCommand({ UserPoolId: settings.userPoolId, Username: userId }))
          .catch(() => undefined);
        if ((error as Error).name === 'InvalidPasswordException') {
          throw ValidationError.forField('password', (error as Error).message);
        }
        throw error;
      }
    },

    async unregister({ userId }) {
      await client.send(new AdminDeleteUserCommand({ UserPoolId: settings.userPoolId, Username: userId }));
    },

    async authenticate(email, password) {
      try {
        const { AuthenticationResult } = await client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: settings.userPoolId,
            ClientId: settings.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: password },
          }),
        );
        const accessToken = AuthenticationResult?.AccessToken;
        if (!accessToken) throw new InvalidCredentialsError();
        const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return {
          userId: claims.username as string,
          accessToken,
          expiresIn: AuthenticationResult?.ExpiresIn ?? 3600,
        };
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'NotAuthorizedException' || name === 'UserNotFoundException')
          throw new InvalidCredentialsError();
        throw error;
      }
    },
  };
}
