/**
 * Who keeps passwords and issues tokens: Cognito on AWS, the local issuer on a laptop.
 * Picked by `IDENTITY_PROVIDER`; the users table (profiles, roles) is Bazaar's either way.
 */
export interface IssuedToken {
  userId: string;
  accessToken: string;
  expiresIn: number;
}

export interface IdentityProvider {
  register(account: { userId: string; email: string; password: string }): Promise<void>;
  unregister(account: { userId: string; email: string }): Promise<void>;
  /** Throws InvalidCredentialsError, with the same message for an unknown e-mail and a wrong password. */
  authenticate(email: string, password: string): Promise<IssuedToken>;
}
