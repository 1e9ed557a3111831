import { identityDeps } from './deps';

/** Identity's exported read for notifications: where and how to address a user. */
export async function contactOf(userId: string): Promise<{ email: string; name: string } | undefined> {
  const user = await identityDeps().users.get(userId);
  return user ? { email: user.email, name: user.name } : undefined;
}
