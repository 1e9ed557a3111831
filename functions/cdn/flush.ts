import { logger } from '../../shared/logger';
import { TooManyInvalidationsError } from './cloudfront';
import type { CdnDeps } from './deps';
import { planInvalidation } from './service';

/**
 * Sends what is pending as one invalidation within CloudFront's limits, then clears what it
 * covered. Paths marked again while it ran, and everything when CloudFront is busy, stay for
 * the next flush.
 */
export async function flushPurges(
  deps: CdnDeps,
  now: () => Date = () => new Date(),
): Promise<{ sent: number }> {
  const { pending, invalidate, distributionId } = deps;
  const sentAt = now().toISOString();
  const plan = planInvalidation(await pending.all());
  if (plan.paths.length === 0) return { sent: 0 };
  try {
    const id = await invalidate(distributionId, plan.paths);
    logger.info('Invalidation sent', { id, paths: plan.paths.length, covers: plan.covers.length });
  } catch (error) {
    if (error instanceof TooManyInvalidationsError) {
      logger.warn('CloudFront is busy: the purge waits for the next flush', { pending: plan.covers.length });
      return { sent: 0 };
    }
    throw error;
  }
  await pending.clear(plan.covers, sentAt);
  return { sent: plan.paths.length };
}
