import { TooManyInvalidationsError } from '../../../functions/cdn/cloudfront';
import type { CdnDeps } from '../../../functions/cdn/deps';
import { flushPurges } from '../../../functions/cdn/flush';
import { pendingPurges } from '../../../functions/cdn/repository';
import { ALL_PRODUCT_PAGES, INVALIDATION_LIMITS, pathsToPurge } from '../../../functions/cdn/service';
import { tableName, testDocumentClient } from '../../support/dynamo';

const pending = pendingPurges(testDocumentClient(), tableName('CDN_PURGES_TABLE_NAME'));

function deps(invalidate: CdnDeps['invalidate']): CdnDeps {
  return { pending, invalidate, distributionId: 'ETEST' };
}

/** What CloudFront would have in progress: every invalidation sent, none completed. */
function recordingCloudFront() {
  const sent: string[][] = [];
  return {
    sent,
    invalidate: async (_: string, paths: readonly string[]) => {
      sent.push([...paths]);
      return `I${sent.length}`;
    },
  };
}

describe('CDN purges against DynamoDB Local', () => {
  beforeEach(async () => {
    await pending.clear(await pending.all(), new Date(Date.now() + 60_000).toISOString());
  });

  it('coalesces repeated changes of one product into one path of one invalidation', async () => {
    for (let i = 0; i < 20; i++) await pending.add(pathsToPurge({ kind: 'product', productId: 'p_same' }));
    const cloudFront = recordingCloudFront();
    expect(await flushPurges(deps(cloudFront.invalidate))).toEqual({ sent: 1 });
    expect(cloudFront.sent).toEqual([['/api/v1/products/p_same']]);
    expect(await pending.all()).toEqual([]);
  });

  it('keeps a burst of 1,000 changes within CloudFront’s limits, flush after flush', async () => {
    const cloudFront = recordingCloudFront();
    const causes = ['product', 'stock', 'rating'] as const;
    // Changes arrive 50 at a time (handlers run concurrently); a flush runs every 250 of them.
    for (let start = 0; start < 1000; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => start + j).map((i) =>
          pending.add(pathsToPurge({ kind: causes[i % 3]!, productId: `p_${i % 700}` })),
        ),
      );
      if ((start + 50) % 250 === 0) await flushPurges(deps(cloudFront.invalidate));
    }
    await flushPurges(deps(cloudFront.invalidate));
    const inProgress = cloudFront.sent.flat();
    const wildcards = inProgress.filter((path) => path.endsWith('*'));
    expect(inProgress.length - wildcards.length).toBeLessThanOrEqual(INVALIDATION_LIMITS.pathsInProgress);
    expect(wildcards.length).toBeLessThanOrEqual(INVALIDATION_LIMITS.wildcardsInProgress);
    for (const batch of cloudFront.sent)
      expect(batch.length).toBeLessThanOrEqual(INVALIDATION_LIMITS.pathsPerFlush);
    expect(await pending.all()).toEqual([]);
  }, 30_000);

  it('keeps everything pending while CloudFront has too many invalidations in progress', async () => {
    await pending.add(pathsToPurge({ kind: 'flags' }));
    const busy = async () => {
      throw new TooManyInvalidationsError('busy');
    };
    expect(await flushPurges(deps(busy))).toEqual({ sent: 0 });
    expect(await pending.all()).toEqual([ALL_PRODUCT_PAGES]);
    const cloudFront = recordingCloudFront();
    await flushPurges(deps(cloudFront.invalidate));
    expect(cloudFront.sent).toEqual([[ALL_PRODUCT_PAGES]]);
  });

  it('keeps a path marked again while the flush was sending it, for the next flush', async () => {
    await pending.add(['/api/v1/products/p_late']);
    const cloudFront = recordingCloudFront();
    const remarking = async (id: string, paths: readonly string[]) => {
      await new Promise((done) => setTimeout(done, 5));
      await pending.add(['/api/v1/products/p_late']);
      return cloudFront.invalidate(id, paths);
    };
    await flushPurges(deps(remarking));
    expect(await pending.all()).toEqual(['/api/v1/products/p_late']);
  });
});
