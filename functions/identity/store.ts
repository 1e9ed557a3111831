import type { PostalAddress } from '../../shared/address';
import type { Role } from '../../shared/http/route';

/**
 * What identity's domain needs from storage, and the shapes it speaks in. The DynamoDB adapter
 * (repository.ts) is the one implementation; the domain (service.ts) sees only this.
 */
export interface UserRecord {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  defaultAddressId: string | null;
  storeName: string | null;
  addressCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface AddressRecord extends PostalAddress {
  addressId: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
}

/** Profiles with their unique e-mail and store name, and each user's addresses (at most `limit`). */
export interface UserStore {
  /** Creates the profile and claims its e-mail together; a taken e-mail → EmailTakenError. */
  create(user: UserRecord): Promise<void>;
  remove(user: Pick<UserRecord, 'userId' | 'email'>): Promise<void>;
  get(userId: string): Promise<UserRecord | undefined>;
  getRoles(userId: string): Promise<Role[] | undefined>;
  becomeSeller(userId: string, storeName: string, now: string): Promise<void>;
  updateName(userId: string, name: string, now: string): Promise<void>;
  setDefaultAddress(userId: string, addressId: string | null, now: string): Promise<void>;
  addAddress(address: AddressRecord, limit: number): Promise<void>;
  getAddress(userId: string, addressId: string): Promise<AddressRecord | undefined>;
  listAddresses(userId: string): Promise<AddressRecord[]>;
  replaceAddress(
    userId: string,
    addressId: string,
    fields: PostalAddress,
    now: string,
  ): Promise<AddressRecord>;
  deleteAddress(userId: string, addressId: string, now: string): Promise<void>;
}

/** Credentials kept by the local issuer (on AWS, Cognito keeps them). */
export interface CredentialStore {
  put(email: string, userId: string, passwordHash: string): Promise<void>;
  get(email: string): Promise<{ userId: string; passwordHash: string } | undefined>;
  remove(email: string): Promise<void>;
}
