import { randomUUID } from 'node:crypto';
import { AddressLimitError, EmailTakenError, StoreNameTakenError } from '../../../functions/identity/errors';
import { userRepository } from '../../../functions/identity/repository';
import type { AddressRecord, UserRecord } from '../../../functions/identity/store';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';

const users = userRepository(testDocumentClient(), tableName('USERS_TABLE_NAME'));
const now = new Date().toISOString();

function newUser(email = `${randomUUID()}@it.example`): UserRecord {
  return {
    userId: newId('usr'),
    email,
    name: 'Integration',
    roles: ['customer'],
    defaultAddressId: null,
    storeName: null,
    addressCount: 0,
    createdAt: now,
    updatedAt: now,
  };
}

function newAddress(userId: string): AddressRecord {
  return {
    addressId: newId('addr'),
    userId,
    name: 'Home',
    line1: '1 Main St',
    line2: null,
    city: 'Springfield',
    region: null,
    postalCode: '12345',
    country: 'US',
    createdAt: now,
    updatedAt: now,
  };
}

describe('user repository against DynamoDB Local', () => {
  it('lets exactly one of ten concurrent sign-ups claim an e-mail', async () => {
    const email = `${randomUUID()}@race.example`;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => users.create(newUser(email))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const rejected of results.filter((r) => r.status === 'rejected')) {
      expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(EmailTakenError);
    }
  });

  it('frees the e-mail again when a sign-up is undone', async () => {
    const user = newUser();
    await users.create(user);
    await users.remove(user);
    expect(await users.get(user.userId)).toBeUndefined();
    await expect(users.create(newUser(user.email))).resolves.toBeUndefined();
  });

  it('adds the seller role once and keeps store names unique', async () => {
    const first = newUser();
    const second = newUser();
    await users.create(first);
    await users.create(second);
    const store = `Store ${randomUUID()}`;
    await users.becomeSeller(first.userId, store, now);
    expect(await users.getRoles(first.userId)).toEqual(['customer', 'seller']);
    await expect(users.becomeSeller(second.userId, store.toUpperCase(), now)).rejects.toBeInstanceOf(
      StoreNameTakenError,
    );
    expect(await users.getRoles(second.userId)).toEqual(['customer']);
  });

  it('holds the address limit when twenty-five addresses are added at once', async () => {
    const user = newUser();
    await users.create(user);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => users.addAddress(newAddress(user.userId), 20)),
    );
    const failures = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    // DynamoDB Local serialises transactions; a cancelled one surfaces as the limit or a conflict.
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(20);
    expect(failures.some((f) => f.reason instanceof AddressLimitError)).toBe(true);
    const stored = await users.listAddresses(user.userId);
    expect(stored.length).toBe(results.filter((r) => r.status === 'fulfilled').length);
    expect((await users.get(user.userId))?.addressCount).toBe(stored.length);
  });

  it('clears the default address when that address is deleted', async () => {
    const user = newUser();
    await users.create(user);
    const address = newAddress(user.userId);
    await users.addAddress(address, 20);
    await users.setDefaultAddress(user.userId, address.addressId, now);
    expect((await users.get(user.userId))?.defaultAddressId).toBe(address.addressId);
    await users.deleteAddress(user.userId, address.addressId, now);
    const profile = await users.get(user.userId);
    expect(profile?.defaultAddressId).toBeNull();
    expect(profile?.addressCount).toBe(0);
  });

  it('refuses another user’s address as a default', async () => {
    const owner = newUser();
    const other = newUser();
    await users.create(owner);
    await users.create(other);
    const address = newAddress(owner.userId);
    await users.addAddress(address, 20);
    await expect(users.setDefaultAddress(other.userId, address.addressId, now)).rejects.toMatchObject({
      status: 404,
    });
  });
});
