import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo-errors';

export interface RateLimit {
  /** Names the bucket family and its env overrides: `RATE_LIMIT_<BUCKET>_PER_SECOND`, `…_BURST`. */
  bucket: string;
  perSecond: number;
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A per-key rate limiter (GCRA: the token bucket expressed as one timestamp) kept in DynamoDB,
 * so every Lambda container shares it. Each check is a read plus a write conditional on
 * what was read; a lost race re-reads, so concurrent requests are never all let through.
 */
export function rateLimiter(doc: DynamoDBDocumentClient, tableName: string) {
  return {
    async check(limit: RateLimit, key: string, nowMs = Date.now()): Promise<RateDecision> {
      const interval = 1000 / limit.perSecond;
      const tolerance = interval * limit.burst;
      const itemKey = { pk: `RL#${limit.bucket}#${key}` };
      for (let attempt = 1; attempt <= 5; attempt++) {
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
        );
        const previous = Item?.tat as number | undefined;
        const tat = Math.max(previous ?? nowMs, nowMs) + interval;
        if (tat - nowMs > tolerance) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((tat - nowMs - tolerance) / 1000)),
          };
        }
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...itemKey, tat, expires_at: Math.ceil((tat + tolerance) / 1000) + 60 },
              ConditionExpression: previous === undefined ? 'attribute_not_exists(pk)' : 'tat = :previous',
              ExpressionAttributeValues: previous === undefined ? undefined : { ':previous': previous },
            }),
          );
          return { allowed: true };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return { allowed: false, retryAfterSeconds: 1 };
    },
  };
}
