import { idempotencyError } from './errors';

export type StoredResult =
  | { endpoint: string; fingerprint: string; createdAt: number; state: 'running' }
  | {
      endpoint: string;
      fingerprint: string;
      createdAt: number;
      state: 'done';
      status: number;
      body: string;
      requestId: string;
    };

export type DoneResult = Extract<StoredResult, { state: 'done' }>;

/** One POST's identity as Stripe's idempotency checks see it. */
export interface IdempotentRequest {
  /** The API key and the Idempotency-Key: keys are per account. */
  scopedKey: string;
  idempotencyKey: string;
  endpoint: string;
  fingerprint: string;
}

/**
 * Idempotent results, by API key and Idempotency-Key, kept for the TTL. A key reused for another
 * endpoint or other parameters, or while its first request is still running, is refused as Stripe
 * refuses it.
 */
export class IdempotencyCache {
  private readonly results = new Map<string, StoredResult>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  /** The finished result to replay, or undefined when the request is to run (afresh). */
  replayable(request: IdempotentRequest): DoneResult | undefined {
    const { scopedKey, idempotencyKey, endpoint, fingerprint } = request;
    const stored = this.results.get(scopedKey);
    if (!stored || this.clock() - stored.createdAt >= this.ttlMs) return undefined;
    if (stored.endpoint !== endpoint) {
      throw idempotencyError(
        400,
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      );
    }
    if (stored.fingerprint !== fingerprint) {
      throw idempotencyError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      );
    }
    if (stored.state === 'running') {
      throw idempotencyError(
        409,
        `There is currently another in-progress request using this Idempotency-Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
      );
    }
    return stored;
  }

  /** Marks the request running; returns when it started, which its result keeps. */
  begin(request: IdempotentRequest): number {
    const createdAt = this.clock();
    this.results.delete(request.scopedKey); // an expired result: start afresh, at the end of the order
    this.pruneExpired(createdAt);
    this.results.set(request.scopedKey, {
      endpoint: request.endpoint,
      fingerprint: request.fingerprint,
      createdAt,
      state: 'running',
    });
    return createdAt;
  }

  /** Keeps the result for replay, or forgets the key when the result is not to be kept. */
  finish(
    request: IdempotentRequest,
    createdAt: number,
    result: { status: number; body: string; saved: boolean },
    requestId: string,
  ): void {
    if (!result.saved) {
      this.results.delete(request.scopedKey);
      return;
    }
    this.results.set(request.scopedKey, {
      endpoint: request.endpoint,
      fingerprint: request.fingerprint,
      createdAt,
      state: 'done',
      status: result.status,
      body: result.body,
      requestId,
    });
  }

  /** The finished results, oldest first, for a data dir to keep. */
  finishedEntries(): Array<[string, StoredResult]> {
    return [...this.results].filter(([, stored]) => stored.state === 'done');
  }

  /** Takes back what `finishedEntries` gave, after a restart. */
  restore(entries: Array<[string, StoredResult]>): void {
    for (const [key, stored] of entries) this.results.set(key, stored);
  }

  /** Forgets results past the TTL; the map is in insertion order, so the oldest come first. */
  private pruneExpired(at: number) {
    for (const [key, stored] of this.results) {
      if (at - stored.createdAt < this.ttlMs) break;
      if (stored.state === 'done') this.results.delete(key);
    }
  }
}
