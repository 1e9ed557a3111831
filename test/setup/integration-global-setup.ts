import '../../local/polyfills';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables } from '../../functions/manifest';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { ensureTables, localTableName } from '../../local/tables';

/**
 * One DynamoDB Local (AWS's own) for the whole integration run, with every manifest table.
 * Environment set here reaches the test workers, which are started afterwards.
 */
export default async function integrationGlobalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  (globalThis as { __bazaarDynamo?: typeof dynamo }).__bazaarDynamo = dynamo;
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
    ...Object.fromEntries(tables.map((table) => [table.envVar, localTableName(table)])),
  });
  await ensureTables(new DynamoDBClient({ endpoint: dynamo.endpoint }), tables, (table) =>
    localTableName(table),
  );
}
