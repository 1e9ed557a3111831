import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requireEnv } from '../../../shared/config';
import { ConflictError, UnprocessableError } from '../../../shared/errors';
import { idempotencyKeyFrom } from '../../../shared/http/idempotency-key';
import { accepted } from '../../../shared/http/responses';
import { httpHandler } from '../../identity/http-handler';
import { ordersDeps } from '../deps';
import { checkoutRoute } from '../routes';
import type { CheckoutInput } from '../schemas';
import { placeOrder } from '../service';

interface IdempotentCheckout {
  userId: string;
  idempotencyKey: string;
  body: CheckoutInput;
}

/**
 * Idempotency-Key, per user, kept 24 h, on Powertools' idempotency utility: the same key
 * returns the first response and creates nothing; while the first is running → 409; the same
 * key with another body → 422.
 */
const config = new IdempotencyConfig({
  eventKeyJmesPath: '[userId, idempotencyKey]',
  payloadValidationJmesPath: 'body',
  expiresAfterSeconds: 24 * 3600,
  throwOnNoIdempotencyKey: true,
});
let placeOrderOnce: ((request: IdempotentCheckout) => ReturnType<typeof placeOrder>) | undefined;

function idempotentPlaceOrder() {
  placeOrderOnce ??= makeIdempotent(
    (request: IdempotentCheckout) => placeOrder(request.userId, request.body, ordersDeps()),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: requireEnv('IDEMPOTENCY_TABLE_NAME'),
        awsSdkV3Client: new DynamoDBClient({}),
      }),
      config,
      keyPrefix: 'checkout',
    },
  );
  return placeOrderOnce;
}

export const handler = httpHandler(checkoutRoute, async ({ body, user, headers, lambdaContext }) => {
  const idempotencyKey = idempotencyKeyFrom(headers);
  if (idempotencyKey === undefined) return accepted(await placeOrder(user.userId, body, ordersDeps()));
  config.registerLambdaContext(lambdaContext);
  try {
    return accepted(await idempotentPlaceOrder()({ userId: user.userId, idempotencyKey, body }));
  } catch (error) {
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed',
      );
    }
    if (error instanceof IdempotencyValidationError) {
      throw new UnprocessableError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different body',
      );
    }
    throw error;
  }
});
