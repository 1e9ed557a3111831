import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo-errors';
import type { TableDefinition } from './manifests/types';

/** The rate limiter's table: the platform's own, as every route with a `rateLimit` shares it (functions/manifest.ts lists it). */
export const rateLimitsTable: TableDefinition = {
  id: 'rate-limits',
  envVar: 'RATE_LIMITS_TABLE_NAME',
  owner: 'platform',
  partitionKey: 'pk',
  ttlAttribute: 'expires_at',
};

export interface RateLimit {
  /** Names the bucket family and its env overrides: `RATE_LIMIT_<BUCKET>_PER_SECOND`, `…_BURST`. */
  bucket: string;
  perSecond: number;
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A per-key rate limiter (GCRA: the token bucket expressed as one timestamp) kept in DynamoDB,
 * so every Lambda container shares it. Each check is one atomic conditional update, never a
 * read-modify-write: a burst of concurrent requests from one key queues up on the item, each
 * moving the theoretical arrival time (`tat`) on by one interval, and only a request that
 * would pass the burst tolerance is refused. Contention alone never refuses a request.
 */
export function rateLimiter(doc: DynamoDBDocumentClient, tableName: string) {
  return {
    async check(limit: RateLimit, key: string, nowMs = Date.now()): Promise<RateDecision> {
      const interval = 1000 / limit.perSecond;
      const tolerance = interval * limit.burst;
      const itemKey = { pk: `RL#${limit.bucket}#${key}` };
      // A request is allowed while its new tat stays within `tolerance` of now.
      const latestAllowedTat = nowMs + tolerance - interval;
      const expiresAt = (tat: number) => Math.ceil((tat + tolerance) / 1000) + 60;
      // tat only grows and `now` is fixed here, so the bucket crosses from idle to busy at most
      // once: the loop tries each of the two updates at most twice.
      for (let attempt = 1; attempt <= 4; attempt++) {
        const busy = attempt % 2 === 1;
        try {
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: itemKey,
              UpdateExpression: busy
                ? 'SET tat = tat + :interval, expires_at = :expires'
                : 'SET tat = :fresh, expires_at = :expires',
              ConditionExpression: busy
                ? 'tat > :now AND tat <= :latest'
                : 'attribute_not_exists(pk) OR tat <= :now',
              ExpressionAttributeValues: busy
                ? {
                    ':interval': interval,
                    ':now': nowMs,
                    ':latest': latestAllowedTat,
                    ':expires': expiresAt(latestAllowedTat + interval),
                  }
                : { ':fresh': nowMs + interval, ':now': nowMs, ':expires': expiresAt(nowMs + interval) },
            }),
          );
          return { allowed: true };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
        if (!busy) continue;
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
        );
        const tat = Item?.tat as number | undefined;
        if (tat !== undefined && tat > latestAllowedTat) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((tat + interval - nowMs - tolerance) / 1000)),
          };
        }
      }
      return { allowed: false, retryAfterSeconds: 1 };
    },
  };
}

export interface Backoff {
  /** Names the family of keys, e.g. `login-account`. */
  bucket: string;
  /** Attempts let through before any wait. */
  freeAttempts: number;
  /** The wait after the first attempt past the free ones; each further attempt doubles it. */
  baseSeconds: number;
  /** The longest wait: what an attacker can cost the real owner of the key, at most. */
  maxSeconds: number;
  /** Attempts are forgotten this long after the last one. */
  forgetAfterSeconds: number;
}

/**
 * An exponential backoff per key (an account, say), in the same table as the rate limiter.
 * Every attempt is counted before it is judged, so concurrent guesses cannot slip past the
 * count; `reset` (a successful login) forgets them. Past the free attempts each one makes the
 * next wait, doubling up to `maxSeconds`, so the owner is never locked out for long.
 */
export function attemptBackoff(doc: DynamoDBDocumentClient, tableName: string) {
  const keyOf = (policy: Backoff, key: string) => ({ pk: `BO#${policy.bucket}#${key}` });
  return {
    async attempt(policy: Backoff, key: string, nowMs = Date.now()): Promise<RateDecision> {
      const itemKey = keyOf(policy, key);
      for (let race = 1; race <= 5; race++) {
        const { Item } = await doc.send(
          new GetCommand({ TableName: tableName, Key: itemKey, ConsistentRead: true }),
        );
        const live = Item && (Item.expires_at as number) * 1000 > nowMs ? Item : undefined;
        const blockedUntil = (live?.blocked_until as number | undefined) ?? 0;
        if (blockedUntil > nowMs) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((blockedUntil - nowMs) / 1000)) };
        }
        const attempts = ((live?.attempts as number | undefined) ?? 0) + 1;
        const past = attempts - policy.freeAttempts;
        const waitMs =
          past > 0 ? Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (past - 1)) * 1000 : 0;
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...itemKey,
                attempts,
                blocked_until: waitMs ? nowMs + waitMs : undefined,
                expires_at: Math.ceil((nowMs + waitMs) / 1000) + policy.forgetAfterSeconds,
              },
              ConditionExpression: Item ? 'attempts = :previous' : 'attribute_not_exists(pk)',
              ExpressionAttributeValues: Item ? { ':previous': Item.attempts } : undefined,
            }),
          );
          return { allowed: true };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return { allowed: false, retryAfterSeconds: 1 };
    },

    async reset(policy: Backoff, key: string): Promise<void> {
      await doc.send(new DeleteCommand({ TableName: tableName, Key: keyOf(policy, key) }));
    },
  };
}
