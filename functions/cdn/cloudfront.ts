import { randomUUID } from 'node:crypto';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';

/** Sends one invalidation of the distribution; its id as CloudFront answers it. */
export type Invalidate = (distributionId: string, paths: readonly string[]) => Promise<string>;

/** CloudFront refused because too many invalidations are in progress: retry on a later flush. */
export class TooManyInvalidationsError extends Error {
  override readonly name = 'TooManyInvalidationsError';
}

/**
 * CloudFront's CreateInvalidation through the SDK client, which reaches the local CDN's
 * endpoint when AWS_ENDPOINT_URL_CLOUDFRONT is set, as every other client reaches its local
 * stand-in. CloudFront is a global service signed in us-east-1.
 */
export function cloudFrontInvalidate(client = new CloudFrontClient({ region: 'us-east-1' })): Invalidate {
  return async (distributionId, paths) => {
    try {
      const result = await client.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: randomUUID(),
            Paths: { Quantity: paths.length, Items: [...paths] },
          },
        }),
      );
      return result.Invalidation?.Id ?? 'unknown';
    } catch (error) {
      if ((error as Error).name === 'TooManyInvalidationsInProgress') {
        throw new TooManyInvalidationsError('CloudFront has too many invalidations in progress');
      }
      throw error;
    }
  };
}
