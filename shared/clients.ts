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
let hotReadsClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let eventBridgeClient: EventBridgeClient | undefined;
let sfnClient: SFNClient | undefined;

/** Middleware for a DynamoDB client, in the SDK's own terms (what `middlewareStack.use` takes). */
export type DynamoDbPlugin = Parameters<DynamoDBClient['middlewareStack']['use']>[0];
const dynamoDbPlugins: DynamoDbPlugin[] = [];

/**
 * Middleware that the runtime hosting the handlers puts on their DynamoDB client, before its
 * first call: the local platform injects DynamoDB's faults and meters capacity this way, in the
 * handlers' own process. Nothing is added on AWS.
 */
export function useInDynamoDbClient(plugin: DynamoDbPlugin): void {
  if (dynamoDbLowLevel || hotReadsClient)
    throw new Error('The DynamoDB client is built: add its middleware before the first call');
  dynamoDbPlugins.push(plugin);
}

function dynamoDbClientWith(config: { cacheMiddleware?: boolean }): DynamoDBClient {
  const client = withoutSdkLogging(new DynamoDBClient({ maxAttempts: 5, ...config }));
  for (const plugin of dynamoDbPlugins) client.middlewareStack.use(plugin);
  return client;
}

/** The container's DynamoDB client (for what needs the SDK's own, as Powertools' idempotency does). */
export function dynamoDbClient(): DynamoDBClient {
  dynamoDbLowLevel ??= dynamoDbClientWith({});
  return dynamoDbLowLevel;
}

/**
 * A client for the hottest read (the product page's one Query), which marshals its own values:
 * the SDK resolves its middleware stack once per command type instead of on every call
 * (`cacheMiddleware`, which the document client refuses). On issue 11's origin bench that was
 * a fifth or more of the page's throughput. Only for commands whose instances add no
 * middleware of their own.
 */
export function dynamoDbHotReads(): DynamoDBClient {
  hotReadsClient ??= dynamoDbClientWith({ cacheMiddleware: true });
  return hotReadsClient;
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
