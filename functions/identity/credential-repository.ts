import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CredentialStore } from './store';

/** Credentials kept by the local issuer (on AWS, Cognito keeps them and this is unused). */
export function credentialRepository(doc: DynamoDBDocumentClient, tableName: string): CredentialStore {
  const credentialKey = (email: string) => ({ pk: `CREDENTIAL#${email}`, sk: 'CREDENTIAL' });
  return {
    async put(email: string, userId: string, passwordHash: string): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...credentialKey(email), type: 'CREDENTIAL', user_id: userId, password_hash: passwordHash },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async get(email: string): Promise<{ userId: string; passwordHash: string } | undefined> {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: credentialKey(email) }));
      return Item
        ? { userId: Item.user_id as string, passwordHash: Item.password_hash as string }
        : undefined;
    },
    async remove(email: string): Promise<void> {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: credentialKey(email) }));
    },
  };
}
