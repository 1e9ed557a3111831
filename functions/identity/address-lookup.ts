import { identityDeps } from './deps';
import type { AddressRecord } from './store';

/**
 * Identity's exported read: one of the user's addresses, or undefined when there is no such
 * address or it belongs to someone else. Callers hold read access to the users table.
 */
export function findUserAddress(userId: string, addressId: string): Promise<AddressRecord | undefined> {
  return identityDeps().users.getAddress(userId, addressId);
}
