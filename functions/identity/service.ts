import { type PostalAddress, postalAddressView } from '../../shared/address';
import { NotFoundError, RateLimitedError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { RateDecision } from '../../shared/rate-limit';
import type { IdentityProvider, IssuedToken } from './providers/identity-provider';
import type { AddressInput, AddressView, ProfileView, SignupInput } from './schemas';
import type { AddressRecord, UserRecord, UserStore } from './store';

export interface IdentityDeps {
  users: UserStore;
  provider: IdentityProvider;
  now: () => Date;
  addressLimit: number;
  /** Counts login attempts per account and makes repeated ones wait (see shared/rate-limit). */
  loginAttempts: {
    attempt: (email: string) => Promise<RateDecision>;
    reset: (email: string) => Promise<void>;
  };
}

/**
 * Creates the account: the profile (claiming the e-mail) first, then the provider's
 * credentials; if the provider refuses, the profile is removed again.
 */
export async function signup(input: SignupInput, deps: IdentityDeps): Promise<IssuedToken> {
  const now = deps.now().toISOString();
  const user: UserRecord = {
    userId: newId('usr'),
    email: input.email,
    name: input.name,
    roles: ['customer'],
    defaultAddressId: null,
    storeName: null,
    addressCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.users.create(user);
  try {
    await deps.provider.register({ userId: user.userId, email: user.email, password: input.password });
  } catch (error) {
    await deps.users.remove(user);
    throw error;
  }
  return deps.provider.authenticate(input.email, input.password);
}

/**
 * Signs in. Each attempt on an account counts before the password is checked, so guessing
 * one account's password soon has to wait (429 with Retry-After); a successful login forgets
 * the count, and the waits are capped, so an attacker cannot keep its owner out for long.
 */
export async function login(email: string, password: string, deps: IdentityDeps): Promise<IssuedToken> {
  const decision = await deps.loginAttempts.attempt(email);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  const token = await deps.provider.authenticate(email, password);
  await deps.loginAttempts.reset(email);
  return token;
}

export async function registerSeller(
  userId: string,
  storeName: string,
  deps: IdentityDeps,
): Promise<ProfileView> {
  await deps.users.becomeSeller(userId, storeName, deps.now().toISOString());
  return getProfile(userId, deps);
}

export async function getProfile(userId: string, deps: IdentityDeps): Promise<ProfileView> {
  const user = await deps.users.get(userId);
  if (!user) throw new NotFoundError('User');
  return profileView(user);
}

export async function updateProfile(
  userId: string,
  changes: { name?: string; default_address_id?: string | null },
  deps: IdentityDeps,
): Promise<ProfileView> {
  const now = deps.now().toISOString();
  if (changes.default_address_id !== undefined) {
    await deps.users.setDefaultAddress(userId, changes.default_address_id, now);
  }
  if (changes.name !== undefined) await deps.users.updateName(userId, changes.name, now);
  return getProfile(userId, deps);
}

export async function addAddress(
  userId: string,
  input: AddressInput,
  deps: IdentityDeps,
): Promise<AddressView> {
  const now = deps.now().toISOString();
  const address: AddressRecord = {
    ...addressFields(input),
    addressId: newId('addr'),
    userId,
    createdAt: now,
    updatedAt: now,
  };
  await deps.users.addAddress(address, deps.addressLimit);
  const user = await deps.users.get(userId);
  return addressView(address, user?.defaultAddressId ?? null);
}

export async function listAddresses(userId: string, deps: IdentityDeps): Promise<AddressView[]> {
  const [user, addresses] = await Promise.all([deps.users.get(userId), deps.users.listAddresses(userId)]);
  return addresses.map((address) => addressView(address, user?.defaultAddressId ?? null));
}

export async function getAddress(
  userId: string,
  addressId: string,
  deps: IdentityDeps,
): Promise<AddressView> {
  const [user, address] = await Promise.all([
    deps.users.get(userId),
    deps.users.getAddress(userId, addressId),
  ]);
  if (!address) throw new NotFoundError('Address');
  return addressView(address, user?.defaultAddressId ?? null);
}

export async function replaceAddress(
  userId: string,
  addressId: string,
  input: AddressInput,
  deps: IdentityDeps,
): Promise<AddressView> {
  const address = await deps.users.replaceAddress(
    userId,
    addressId,
    addressFields(input),
    deps.now().toISOString(),
  );
  const user = await deps.users.get(userId);
  return addressView(address, user?.defaultAddressId ?? null);
}

export function deleteAddress(userId: string, addressId: string, deps: IdentityDeps): Promise<void> {
  return deps.users.deleteAddress(userId, addressId, deps.now().toISOString());
}

function addressFields(input: AddressInput): PostalAddress {
  return {
    name: input.name,
    line1: input.line1,
    line2: input.line2 ?? null,
    city: input.city,
    region: input.region ?? null,
    postalCode: input.postal_code,
    country: input.country,
  };
}

function profileView(user: UserRecord): ProfileView {
  return {
    user_id: user.userId,
    email: user.email,
    name: user.name,
    roles: user.roles,
    default_address_id: user.defaultAddressId,
    store_name: user.storeName,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

function addressView(address: AddressRecord, defaultAddressId: string | null): AddressView {
  return {
    address_id: address.addressId,
    ...postalAddressView(address),
    is_default: address.addressId === defaultAddressId,
    created_at: address.createdAt,
    updated_at: address.updatedAt,
  };
}
