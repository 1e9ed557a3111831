import { createHash } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { dynamo } from '../../shared/clients';
import { intEnv, optionalEnv, requireEnv } from '../../shared/config';
import { attemptBackoff, type Backoff } from '../../shared/rate-limit';
import { credentialRepository } from './credential-repository';
import { DEFAULT_COST } from './passwords';
import { cognitoProvider } from './providers/cognito';
import type { IdentityProvider } from './providers/identity-provider';
import { localIssuer } from './providers/local-issuer';
import { userRepository } from './repository';
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

/**
 * Login attempts per account, keyed by a hash of the e-mail so the rate-limit table holds no
 * addresses. Defaults: 5 free attempts, then waits of 1, 2, 4… s up to 60 s, forgotten after
 * 15 quiet minutes; each is tunable by environment so tests run fast.
 */
function loginAttemptsFromEnv(): IdentityDeps['loginAttempts'] {
  const policy: Backoff = {
    bucket: 'login-account',
    freeAttempts: intEnv('LOGIN_FREE_ATTEMPTS', 5),
    baseSeconds: intEnv('LOGIN_BACKOFF_BASE_SECONDS', 1),
    maxSeconds: intEnv('LOGIN_BACKOFF_MAX_SECONDS', 60),
    forgetAfterSeconds: intEnv('LOGIN_ATTEMPTS_FORGET_AFTER_SECONDS', 900),
  };
  // Built on first login only: other services read users through identityDeps without the
  // rate-limits table.
  let backoff: ReturnType<typeof attemptBackoff> | undefined;
  const tracker = () => (backoff ??= attemptBackoff(dynamo(), requireEnv('RATE_LIMITS_TABLE_NAME')));
  const accountKey = (email: string) =>
    createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
  return {
    attempt: (email) => tracker().attempt(policy, accountKey(email)),
    reset: (email) => tracker().reset(policy, accountKey(email)),
  };
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
      loginAttempts: loginAttemptsFromEnv(),
    };
  }
  return deps;
}
