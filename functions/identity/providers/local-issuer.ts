import { createPrivateKey, createPublicKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import { InvalidCredentialsError } from '../errors';
import { hashPassword, type ScryptCost, verifyPassword } from '../passwords';
import type { CredentialStore } from '../store';
import type { IdentityProvider } from './identity-provider';

export interface LocalIssuerSettings {
  issuer: string;
  clientId: string;
  keyId: string;
  privateKeyPem: string;
  tokenTtlSeconds: number;
  cost: ScryptCost;
}

/** Signs RS256 access tokens with the claims Cognito puts in its own access tokens. */
export function signAccessToken(settings: LocalIssuerSettings, userId: string, now = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  const header = { alg: 'RS256', kid: settings.keyId, typ: 'JWT' };
  const payload = {
    sub: userId,
    username: userId,
    iss: settings.issuer,
    client_id: settings.clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: issuedAt,
    iat: issuedAt,
    exp: issuedAt + settings.tokenTtlSeconds,
    jti: randomUUID(),
  };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), createPrivateKey(settings.privateKeyPem));
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** The JWKS document that lets anyone verify the issuer's tokens. */
export function jwksOf(privateKeyPem: string, keyId: string): { keys: object[] } {
  const publicKey: KeyObject = createPublicKey(createPrivateKey(privateKeyPem));
  return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' }] };
}

export function localIssuer(settings: LocalIssuerSettings, credentials: CredentialStore): IdentityProvider {
  // Comparing against a real hash for unknown e-mails keeps both failures equally slow.
  const decoyHash = hashPassword('decoy-password-for-unknown-accounts', settings.cost);
  return {
    async register({ userId, email, password }) {
      await credentials.put(email, userId, await hashPassword(password, settings.cost));
    },
    async unregister({ email }) {
      await credentials.remove(email);
    },
    async authenticate(email, password) {
      const credential = await credentials.get(email);
      const matches = await verifyPassword(password, credential?.passwordHash ?? (await decoyHash));
      if (!credential || !matches) throw new InvalidCredentialsError();
      return {
        userId: credential.userId,
        accessToken: signAccessToken(settings, credential.userId),
        expiresIn: settings.tokenTtlSeconds,
      };
    },
  };
}
