import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { attemptBackoff, type Backoff, rateLimiter } from '../../../shared/rate-limit';
import { tableName, testDocumentClient } from '../../support/dynamo';

const doc = testDocumentClient();
const table = tableName('RATE_LIMITS_TABLE_NAME');
const limiter = rateLimiter(doc, table);
const backoff = attemptBackoff(doc, table);
const policy: Backoff = {
  bucket: 'it-login',
  freeAttempts: 3,
  baseSeconds: 2,
  maxSeconds: 8,
  forgetAfterSeconds: 600,
};

async function rowOf(pk: string) {
  return (await doc.send(new GetCommand({ TableName: table, Key: { pk }, ConsistentRead: true }))).Item;
}

describe('rate limiter against DynamoDB Local', () => {
  it('lets the burst through, then refuses with a Retry-After, and leaves a row that expires', async () => {
    const key = randomUUID();
    const now = Date.now();
    const limit = { bucket: 'it', perSecond: 1, burst: 3 };
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.check(limit, key, now));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    expect(decisions[4]).toEqual({ allowed: false, retryAfterSeconds: 1 });

    const row = await rowOf(`RL#it#${key}`);
    // DynamoDB's TTL reads epoch seconds: a millisecond value would never expire.
    expect(row?.expires_at).toBeGreaterThan(now / 1000);
    expect(row?.expires_at).toBeLessThan(now / 1000 + 120);
  });

  it('lets exactly the burst through when 60 requests from one key race, however they collide', async () => {
    const key = randomUUID();
    const now = Date.now();
    const limit = { bucket: 'it-race', perSecond: 1, burst: 25 };
    const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.check(limit, key, now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(25);
  });

  it('never refuses a racing crowd that the burst has room for', async () => {
    const key = randomUUID();
    const limit = { bucket: 'it-roomy', perSecond: 1000, burst: 10_000 };
    const decisions = await Promise.all(Array.from({ length: 200 }, () => limiter.check(limit, key)));
    expect(decisions.every((d) => d.allowed)).toBe(true);
  });
});

describe('attempt backoff against DynamoDB Local', () => {
  it('lets the free attempts through, then doubles the wait up to the cap', async () => {
    const key = randomUUID();
    let now = Date.now();
    for (let i = 0; i < 3; i++) expect(await backoff.attempt(policy, key, now)).toEqual({ allowed: true });
    expect(await backoff.attempt(policy, key, now)).toEqual({ allowed: true });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await backoff.attempt(policy, key, now);
      expect(refused.allowed).toBe(false);
      const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
      waits.push(wait);
      now += wait * 1000;
      expect(await backoff.attempt(policy, key, now)).toEqual({ allowed: true });
    }
    expect(waits).toEqual([2, 4, 8, 8]);
    expect((await rowOf(`BO#it-login#${key}`))?.expires_at).toBeGreaterThan(now / 1000 + 600);
  });

  it('counts concurrent attempts, so a burst of guesses gets no more than the free ones and one more', async () => {
    const key = randomUUID();
    const now = Date.now();
    const decisions = await Promise.all(Array.from({ length: 12 }, () => backoff.attempt(policy, key, now)));
    expect(decisions.filter((d) => d.allowed).length).toBeLessThanOrEqual(4);
  });

  it('forgets the attempts on reset and after the quiet period', async () => {
    const key = randomUUID();
    const now = Date.now();
    for (let i = 0; i < 4; i++) await backoff.attempt(policy, key, now);
    expect((await backoff.attempt(policy, key, now)).allowed).toBe(false);
    await backoff.reset(policy, key);
    expect(await backoff.attempt(policy, key, now)).toEqual({ allowed: true });

    const other = randomUUID();
    for (let i = 0; i < 4; i++) await backoff.attempt(policy, other, now);
    const later = now + (policy.forgetAfterSeconds + 3) * 1000;
    for (let i = 0; i < 3; i++)
      expect(await backoff.attempt(policy, other, later)).toEqual({ allowed: true });
  });
});
