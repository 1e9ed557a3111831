import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoDbClient } from '../clients';
import { requireEnv } from '../config';
import { ConflictError, UnprocessableError } from '../errors';
import type { IdempotencyPolicy, RouteDefinition } from '../manifests/types';
import { idempotencyKeyFrom } from './idempotency-key';
import type { AuthUser, HttpRequest, HttpResult } from './route';

interface IdempotentRequest {
  userId: string | null;
  idempotencyKey: string;
  body: unknown;
}

/**
 * Makes a route's step honour `Idempotency-Key`, per user, on Powertools' idempotency utility
 * (the `idempotency` table): the same key answers the first response and runs nothing again;
 * while the first is running → 409; the same key with another body → 422. Without the header
 * the step just runs.
 */
export function idempotentStep<R extends RouteDefinition, B>(
  route: R,
  policy: IdempotencyPolicy,
  step: (request: HttpRequest<R>) => Promise<HttpResult<B>>,
): (request: HttpRequest<R>) => Promise<HttpResult<B>> {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[userId, idempotencyKey]',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: policy.expiresAfterSeconds,
    throwOnNoIdempotencyKey: true,
  });
  let once: ((key: IdempotentRequest, request: HttpRequest<R>) => Promise<HttpResult<B>>) | undefined;
  const stepOnce = () =>
    (once ??= makeIdempotent((_key: IdempotentRequest, request: HttpRequest<R>) => step(request), {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: requireEnv('IDEMPOTENCY_TABLE_NAME'),
        awsSdkV3Client: dynamoDbClient(),
      }),
      config,
      keyPrefix: route.id,
      dataIndexArgument: 0,
    }));

  return async (request) => {
    const idempotencyKey = idempotencyKeyFrom(request.headers);
    if (idempotencyKey === undefined) return step(request);
    config.registerLambdaContext(request.lambdaContext);
    const key = {
      userId: (request.user as AuthUser | undefined)?.userId ?? null,
      idempotencyKey,
      body: request.body,
    };
    try {
      return await stepOnce()(key, request);
    } catch (error) {
      throw asHttpError(error);
    }
  };
}

function asHttpError(error: unknown): unknown {
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new ConflictError(
      'IDEMPOTENCY_KEY_IN_PROGRESS',
      'A request with this Idempotency-Key is still being processed',
    );
  }
  if (error instanceof IdempotencyValidationError) {
    return new UnprocessableError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different body',
    );
  }
  return error;
}
