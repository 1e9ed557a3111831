import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InvalidPasswordException,
  NotAuthorizedException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { EmailTakenError, InvalidCredentialsError } from '../../../functions/identity/errors';
import { cognitoProvider } from '../../../functions/identity/providers/cognito';
import { ValidationError } from '../../../shared/errors';

const settings = { userPoolId: 'eu-west-1_pool', clientId: 'client-1' };
const account = { userId: 'usr_01TEST', email: 'ada@example.com', password: 'correct horse battery' };
const cognito = mockClient(CognitoIdentityProviderClient);
const provider = cognitoProvider(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), settings);

/** An access token as Cognito shapes it: only the payload matters to the provider. */
function accessToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k1' })}.${part(claims)}.signature`;
}

const serviceError = <T>(ErrorClass: new (options: never) => T, message: string): T =>
  new ErrorClass({ message, $metadata: {} } as never);

beforeEach(() => cognito.reset());

describe('cognitoProvider.register', () => {
  it('creates the user under its Bazaar id with a verified e-mail, then sets the password permanently', async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito.on(AdminSetUserPasswordCommand).resolves({});

    await provider.register(account);

    expect(cognito.commandCalls(AdminCreateUserCommand).map((call) => call.args[0].input)).toEqual([
      {
        UserPoolId: settings.userPoolId,
        Username: account.userId,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: account.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      },
    ]);
    expect(cognito.commandCalls(AdminSetUserPasswordCommand).map((call) => call.args[0].input)).toEqual([
      {
        UserPoolId: settings.userPoolId,
        Username: account.userId,
        Password: account.password,
        Permanent: true,
      },
    ]);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('answers EmailTakenError when the e-mail already belongs to someone, and sets no password', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(serviceError(UsernameExistsException, 'An account with the given email already exists.'));

    await expect(provider.register(account)).rejects.toBeInstanceOf(EmailTakenError);
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('deletes the just-created user and answers a 400 on the password field when Cognito rejects the password', async () => {
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito
      .on(AdminSetUserPasswordCommand)
      .rejects(
        serviceError(
          InvalidPasswordException,
          'Password did not conform with policy: Password not long enough',
        ),
      );
    cognito.on(AdminDeleteUserCommand).resolves({});

    const error = await provider.register(account).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      details: {
        fields: [
          { field: 'password', message: 'Password did not conform with policy: Password not long enough' },
        ],
      },
    });
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: settings.userPoolId, Username: account.userId },
    ]);
  });

  it('still deletes the user, and rethrows the original error, when setting the password fails otherwise', async () => {
    const outage = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito.on(AdminSetUserPasswordCommand).rejects(outage);
    // The clean-up failing too must not hide why the signup failed.
    cognito.on(AdminDeleteUserCommand).rejects(new Error('delete failed'));

    await expect(provider.register(account)).rejects.toBe(outage);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(1);
  });
});

describe('cognitoProvider.authenticate', () => {
  it('signs in by e-mail with ADMIN_USER_PASSWORD_AUTH and reads the user id from the token', async () => {
    const token = accessToken({ username: account.userId, client_id: settings.clientId });
    cognito
      .on(AdminInitiateAuthCommand)
      .resolves({ AuthenticationResult: { AccessToken: token, ExpiresIn: 3600 } });

    await expect(provider.authenticate(account.email, account.password)).resolves.toEqual({
      userId: account.userId,
      accessToken: token,
      expiresIn: 3600,
    });
    expect(cognito.commandCalls(AdminInitiateAuthCommand)[0]!.args[0].input).toEqual({
      UserPoolId: settings.userPoolId,
      ClientId: settings.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: account.email, PASSWORD: account.password },
    });
  });

  it('answers InvalidCredentialsError when Cognito refuses the password', async () => {
    cognito
      .on(AdminInitiateAuthCommand)
      .rejects(serviceError(NotAuthorizedException, 'Incorrect username or password.'));

    await expect(provider.authenticate(account.email, 'wrong password')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });
});
