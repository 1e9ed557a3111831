import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { dynamo } from '../../shared/clients';
import { intEnv, optionalEnv, requireEnv } from '../../shared/config';
import { DEFAULT_COST } from './passwords';
import { cognitoProvider } from './providers/cognito';
import type { IdentityProvider } from './providers/identity-provider';
import { localIssuer } from './providers/local-issuer';
import { credentialRepository, userRepository } from './repository';
import type { IdentityDeps } from './service';

function providerFromEnv(tableName: string): IdentityProvider {
  const kind = optionalEnv('IDENTITY_PROVIDER', 'cognito');
  if (kind === 'local') {
    return localIssuer(
      {
        issuer: requireEnv('AUTH_ISSUER'),
        clientId: requireEnv('AUTH_CLIENT_ID'),
        keyId: requireEnv('LOCAL_ISSUER_KEY_ID'),
        privateKeyPem: requireEnv('LOCAL_ISSUER_PRIVATE_KEY'),
        tokenTtlSeconds: intEnv('ACCESS_TOKEN_TTL_SECONDS', 3600),
        cost: { ...DEFAULT_COST, N: intEnv('PASSWORD_SCRYPT_N', DEFAULT_COST.N) },
      },
      credentialRepository(dynamo(), tableName),
    );
  }
  return cognitoProvider(new CognitoIdentityProviderClient({}), {
    userPoolId: requireEnv('COGNITO_USER_POOL_ID'),
    clientId: requireEnv('AUTH_CLIENT_ID'),
  });
}

let deps: IdentityDeps | undefined;

/** Built on first use and kept for the container's life. */
export function identityDeps(): IdentityDeps {
  if (!deps) {
    const tableName = requireEnv('USERS_TABLE_NAME');
    deps = {
      users: userRepository(dynamo(), tableName),
      provider: providerFromEnv(tableName),
      now: () => new Date(),
      addressLimit: intEnv('ADDRESS_LIMIT', 20),
    };
  }
  return deps;
}
