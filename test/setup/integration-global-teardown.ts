import type { DynamoDbLocal } from '../../local/dynamodb-local';

export default async function integrationGlobalTeardown(): Promise<void> {
  await (globalThis as { __bazaarDynamo?: DynamoDbLocal }).__bazaarDynamo?.stop();
}
