import { dynamo } from '../../shared/clients';
import { intEnv, requireEnv } from '../../shared/config';
import type { Role } from '../../shared/http/route';
import { userRepository } from './repository';

/**
 * Identity's role lookup, which ./http-handler.ts binds into every service's HTTP wrapper:
 * roles live in the users table, so a new role counts with the token the user already holds.
 * Roles are cached briefly per container; a cached answer that lacks the role a route needs
 * is re-read, so a grant takes effect at once and only a revocation waits for the cache.
 */
const cache = new Map<string, { roles: Role[]; expiresAt: number }>();
let repository: ReturnType<typeof userRepository> | undefined;

export async function loadRoles(userId: string, needed?: Role): Promise<Role[] | undefined> {
  const now = Date.now();
  const cached = cache.get(userId);
  if (cached && cached.expiresAt > now && (!needed || cached.roles.includes(needed))) return cached.roles;
  repository ??= userRepository(dynamo(), requireEnv('USERS_TABLE_NAME'));
  const roles = await repository.getRoles(userId);
  if (!roles) {
    cache.delete(userId);
    return undefined;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(userId, { roles, expiresAt: now + intEnv('ROLE_CACHE_SECONDS', 30) * 1000 });
  return roles;
}
