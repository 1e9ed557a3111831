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
  documentClient ??= DynamoDBDocumentClient.from(withoutSdkLogging(new DynamoDBClient({ maxAttempts: 5 })), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function eventBridge(): EventBridgeClient {
  eventBridgeClient ??= withoutSdkLogging(new EventBridgeClient({ maxAttempts: 5 }));
  return eventBridgeClient;
}

export function stepFunctions(): SFNClient {
  sfnClient ??= withoutSdkLogging(new SFNClient({ maxAttempts: 5 }));
  return sfnClient;
}

/**
 * The client without the SDK's logger middleware. No logger is configured (failures reach the
 * handlers' own logger), yet the middleware still copies every input and output through the
 * commands' sensitive-data filters to hand them to the no-op logger: on a product page view,
 * a deep copy of the whole item for nothing.
 */
function withoutSdkLogging<C extends { middlewareStack: { remove(name: string): boolean } }>(client: C): C {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
