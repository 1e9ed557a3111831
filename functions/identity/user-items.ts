import type { Role } from '../../shared/http/route';
import type { AddressRecord, UserRecord } from './store';

/** The users table's keys and item mapping, for identity's DynamoDB adapter. */
export const key = {
  profile: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  email: (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' }),
  store: (storeName: string) => ({ pk: `STORE#${storeName.trim().toLowerCase()}`, sk: 'STORE' }),
  address: (userId: string, addressId: string) => ({ pk: `USER#${userId}`, sk: `ADDR#${addressId}` }),
};

export type Item = Record<string, unknown>;

export function profileFromItem(item: Item): UserRecord {
  return {
    userId: item.user_id as string,
    email: item.email as string,
    name: item.name as string,
    roles: (item.roles as Role[]) ?? ['customer'],
    defaultAddressId: (item.default_address_id as string | undefined) ?? null,
    storeName: (item.store_name as string | undefined) ?? null,
    addressCount: (item.address_count as number | undefined) ?? 0,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string,
  };
}

export function addressToItem(address: AddressRecord): Item {
  return {
    ...key.address(address.userId, address.addressId),
    type: 'ADDRESS',
    address_id: address.addressId,
    user_id: address.userId,
    name: address.name,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postal_code: address.postalCode,
    country: address.country,
    created_at: address.createdAt,
    updated_at: address.updatedAt,
  };
}

export function addressFromItem(item: Item): AddressRecord {
  return {
    addressId: item.address_id as string,
    userId: item.user_id as string,
    name: item.name as string,
    line1: item.line1 as string,
    line2: (item.line2 as string | null | undefined) ?? null,
    city: item.city as string,
    region: (item.region as string | null | undefined) ?? null,
    postalCode: item.postal_code as string,
    country: item.country as string,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string,
  };
}
