import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A document client for DynamoDB Local, as the integration global setup configured it. */
export function testDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
}

export function tableName(envVar: string): string {
  const name = process.env[envVar];
  if (!name) throw new Error(`${envVar} is not set: integration global setup did not run`);
  return name;
}
