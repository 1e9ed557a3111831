import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS clients, built once per container and shared by every module in it. Endpoints come from
 * the SDK's own variables (AWS_ENDPOINT_URL_DYNAMODB …), so the same code reaches AWS or the
 * local runtime without a branch.
 */
let dynamoDbLowLevel: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let eventBridgeClient: EventBridgeClient | undefined;
let sfnClient: SFNClient | undefined;

type DynamoDbPlugin = Parameters<DynamoDBClient['middlewareStack']['use']>[0];
const dynamoDbPlugins: DynamoDbPlugin[] = [];

/**
 * Middleware that the runtime hosting the handlers puts on their DynamoDB client, before its
 * first call: the local platform injects DynamoDB's faults and meters capacity this way, in the
 * handlers' own process. Nothing is added on AWS.
 */
export function useInDynamoDbClient(plugin: DynamoDbPlugin): void {
  if (dynamoDbLowLevel)
    throw new Error('The DynamoDB client is built: add its middleware before the first call');
  dynamoDbPlugins.push(plugin);
}

/** The container's DynamoDB client (for what needs the SDK's own, as Powertools' idempotency does). */
export function dynamoDbClient(): DynamoDBClient {
  if (!dynamoDbLowLevel) {
    dynamoDbLowLevel = withoutSdkLogging(new DynamoDBClient({ maxAttempts: 5 }));
    for (const plugin of dynamoDbPlugins) dynamoDbLowLevel.middlewareStack.use(plugin);
  }
  return dynamoDbLowLevel;
}

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
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
