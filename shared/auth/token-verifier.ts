import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { requireEnv } from '../config';

/**
 * Verifies Bazaar access tokens the way API Gateway's JWT authorizer does: RS256 signature
 * against the issuer's JWKS, issuer, expiry, and the app client (`client_id`, as Cognito
 * access tokens carry it). Used by `optional` routes in handlers, and by the local gateway
 * where it stands in for the authorizer.
 */
export interface AccessClaims {
  sub: string;
  username: string;
  client_id: string;
  token_use: string;
  exp: number;
}

export interface TokenVerifier {
  verify(token: string): Promise<AccessClaims>;
}

export interface TokenVerifierSettings {
  issuer: string;
  jwksUri: string;
  clientId: string;
}

/** Fetches JWKS with the platform's fetch, which (unlike the library's default) also speaks plain http locally. */
const fetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed with ${response.status}`);
    return response.arrayBuffer();
  },
};

export function createTokenVerifier(settings: TokenVerifierSettings): TokenVerifier {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: settings.issuer,
      jwksUri: settings.jwksUri,
      audience: null,
      customJwtCheck: ({ payload }) => {
        if (payload.client_id !== settings.clientId) throw new Error('Token was issued to another client');
        if (payload.token_use !== 'access') throw new Error('Not an access token');
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  return {
    async verify(token) {
      const payload = await verifier.verify(token);
      return payload as unknown as AccessClaims;
    },
  };
}

let fromEnv: TokenVerifier | undefined;

/** The verifier configured by `AUTH_ISSUER`, `AUTH_JWKS_URI` and `AUTH_CLIENT_ID`, built once per container. */
export function tokenVerifierFromEnv(): TokenVerifier {
  fromEnv ??= createTokenVerifier({
    issuer: requireEnv('AUTH_ISSUER'),
    jwksUri: requireEnv('AUTH_JWKS_URI'),
    clientId: requireEnv('AUTH_CLIENT_ID'),
  });
  return fromEnv;
}

/** The Bazaar user id a token speaks for: Cognito's `username` (we create users with it), else `sub`. */
export function userIdOf(claims: Record<string, unknown>): string | undefined {
  const id = claims.username ?? claims['cognito:username'] ?? claims.sub;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match?.[1];
}
