import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS clients, built once per container and shared by every module in it. Endpoints come from
 * the SDK's own variables (AWS_ENDPOINT_URL_DYNAMODB …), so the same code reaches AWS or the
 * local runtime without a branch.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let eventBridgeClient: EventBridgeClient | undefined;
let sfnClient: SFNClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 5 }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function eventBridge(): EventBridgeClient {
  eventBridgeClient ??= new EventBridgeClient({ maxAttempts: 5 });
  return eventBridgeClient;
}

export function stepFunctions(): SFNClient {
  sfnClient ??= new SFNClient({ maxAttempts: 5 });
  return sfnClient;
}
