import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** True when a single conditional write failed its condition. */
export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/**
 * For a cancelled transaction, the reason code of each action in order (`None`,
 * `ConditionalCheckFailed`, `TransactionConflict`, …); undefined for any other error.
 */
export function cancellationReasons(error: unknown): string[] | undefined {
  if (
    !(error instanceof TransactionCanceledException) &&
    (error as { name?: string })?.name !== 'TransactionCanceledException'
  ) {
    return undefined;
  }
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** Real DynamoDB cancels transactions that collide with others; those are worth retrying. */
export function isTransactionConflict(error: unknown): boolean {
  const reasons = cancellationReasons(error);
  if (reasons?.includes('TransactionConflict')) return true;
  return (error as { name?: string })?.name === 'TransactionConflictException';
}

/** Retries `attempt` on transaction conflicts with jittered exponential backoff. */
export async function withConflictRetry<T>(attempt: () => Promise<T>, maxAttempts = 8): Promise<T> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransactionConflict(error) || tryNumber >= maxAttempts) throw error;
      const ceiling = Math.min(1000, 20 * 2 ** tryNumber);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
