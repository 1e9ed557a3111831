import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PostalAddress } from '../../shared/address';
import { cancellationReasons, isConditionFailure } from '../../shared/dynamo-errors';
import { queryAll } from '../../shared/dynamo-query';
import { NotFoundError } from '../../shared/errors';
import { guardedTransaction } from '../../shared/guarded-transaction';
import type { Role } from '../../shared/http/route';
import { AddressLimitError, AlreadySellerError, EmailTakenError, StoreNameTakenError } from './errors';
import type { AddressRecord, UserRecord, UserStore } from './store';
import { addressFromItem, addressToItem, key, profileFromItem } from './user-items';

/** The only code that knows the users table's keys: profiles, e-mail and store-name guards, addresses. */
export function userRepository(doc: DynamoDBDocumentClient, tableName: string): UserStore {
  return {
    /** Creates the profile and claims its e-mail in one transaction; a taken e-mail → EmailTakenError. */
    async create(user: UserRecord): Promise<void> {
      const created = await guardedTransaction(doc, [
        {
          Put: {
            TableName: tableName,
            Item: { ...key.email(user.email), type: 'EMAIL', user_id: user.userId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...key.profile(user.userId),
              type: 'PROFILE',
              user_id: user.userId,
              email: user.email,
              name: user.name,
              roles: user.roles,
              address_count: 0,
              created_at: user.createdAt,
              updated_at: user.updatedAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      if (!created) throw new EmailTakenError();
    },

    /** Undoes `create` when the identity provider refused the account. */
    async remove(user: Pick<UserRecord, 'userId' | 'email'>): Promise<void> {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: tableName, Key: key.email(user.email) } },
            { Delete: { TableName: tableName, Key: key.profile(user.userId) } },
          ],
        }),
      );
    },

    async get(userId: string): Promise<UserRecord | undefined> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key.profile(userId) }));
      return Item ? profileFromItem(Item) : undefined;
    },

    async getRoles(userId: string): Promise<Role[] | undefined> {
      const { Item } = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: key.profile(userId),
          ProjectionExpression: '#roles',
          ExpressionAttributeNames: { '#roles': 'roles' },
        }),
      );
      return Item ? ((Item.roles as Role[] | undefined) ?? ['customer']) : undefined;
    },

    /** Adds the seller role and claims the store name, both or neither. */
    async becomeSeller(userId: string, storeName: string, now: string): Promise<void> {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: key.profile(userId),
                  UpdateExpression:
                    'SET #roles = list_append(#roles, :seller), store_name = :store, updated_at = :now',
                  ConditionExpression: 'attribute_exists(pk) AND NOT contains(#roles, :sellerRole)',
                  ExpressionAttributeNames: { '#roles': 'roles' },
                  ExpressionAttributeValues: {
                    ':seller': ['seller'],
                    ':sellerRole': 'seller',
                    ':store': storeName,
                    ':now': now,
                  },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...key.store(storeName), type: 'STORE', user_id: userId, store_name: storeName },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons?.[0] === 'ConditionalCheckFailed') throw new AlreadySellerError();
        if (reasons?.[1] === 'ConditionalCheckFailed') throw new StoreNameTakenError();
        throw error;
      }
    },

    async updateName(userId: string, name: string, now: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key.profile(userId),
          UpdateExpression: 'SET #name = :name, updated_at = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name, ':now': now },
        }),
      );
    },

    /** Sets the default address, checking in the same transaction that the address is the user's. */
    async setDefaultAddress(userId: string, addressId: string | null, now: string): Promise<void> {
      if (addressId === null) {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.profile(userId),
            UpdateExpression: 'REMOVE default_address_id SET updated_at = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return;
      }
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: key.address(userId, addressId),
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: key.profile(userId),
                  UpdateExpression: 'SET default_address_id = :address, updated_at = :now',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':address': addressId, ':now': now },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new NotFoundError('Address');
        throw error;
      }
    },

    /** Adds an address, counting it on the profile so the per-user limit holds under concurrency. */
    async addAddress(address: AddressRecord, limit: number): Promise<void> {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: addressToItem(address),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: key.profile(address.userId),
                  UpdateExpression: 'ADD address_count :one',
                  ConditionExpression:
                    'attribute_exists(pk) AND (attribute_not_exists(address_count) OR address_count < :limit)',
                  ExpressionAttributeValues: { ':one': 1, ':limit': limit },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (cancellationReasons(error)?.[1] === 'ConditionalCheckFailed') throw new AddressLimitError(limit);
        throw error;
      }
    },

    async getAddress(userId: string, addressId: string): Promise<AddressRecord | undefined> {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: key.address(userId, addressId) }),
      );
      return Item ? addressFromItem(Item) : undefined;
    },

    async listAddresses(userId: string): Promise<AddressRecord[]> {
      const items = await queryAll(doc, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'ADDR#' },
      });
      return items.map(addressFromItem);
    },

    async replaceAddress(
      userId: string,
      addressId: string,
      fields: PostalAddress,
      now: string,
    ): Promise<AddressRecord> {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key.address(userId, addressId),
            UpdateExpression:
              'SET #name = :name, line1 = :line1, line2 = :line2, city = :city, #region = :region, postal_code = :postal, country = :country, updated_at = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#name': 'name', '#region': 'region' },
            ExpressionAttributeValues: {
              ':name': fields.name,
              ':line1': fields.line1,
              ':line2': fields.line2,
              ':city': fields.city,
              ':region': fields.region,
              ':postal': fields.postalCode,
              ':country': fields.country,
              ':now': now,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return addressFromItem(Attributes!);
      } catch (error) {
        if (isConditionFailure(error)) throw new NotFoundError('Address');
        throw error;
      }
    },

    /**
     * Deletes an address, decrements the count, and clears the default if it pointed here —
     * all conditional on the default we read, so a concurrent change makes us re-read.
     */
    async deleteAddress(userId: string, addressId: string, now: string): Promise<void> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const profile = await this.get(userId);
        if (!profile) throw new NotFoundError('Address');
        const wasDefault = profile.defaultAddressId === addressId;
        try {
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Delete: {
                    TableName: tableName,
                    Key: key.address(userId, addressId),
                    ConditionExpression: 'attribute_exists(pk)',
                  },
                },
                {
                  Update: {
                    TableName: tableName,
                    Key: key.profile(userId),
                    UpdateExpression: wasDefault
                      ? 'ADD address_count :minusOne REMOVE default_address_id SET updated_at = :now'
                      : 'ADD address_count :minusOne',
                    ConditionExpression: wasDefault
                      ? 'default_address_id = :address'
                      : 'attribute_not_exists(default_address_id) OR default_address_id <> :address',
                    ExpressionAttributeValues: wasDefault
                      ? { ':minusOne': -1, ':address': addressId, ':now': now }
                      : { ':minusOne': -1, ':address': addressId },
                  },
                },
              ],
            }),
          );
          return;
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (reasons?.[0] === 'ConditionalCheckFailed') throw new NotFoundError('Address');
          if (reasons?.[1] === 'ConditionalCheckFailed') continue;
          throw error;
        }
      }
      throw new Error('Address deletion kept colliding with concurrent profile changes');
    },
  };
}
