import { dynamo } from '../../shared/clients';
import { requireEnv } from '../../shared/config';
import { cloudFrontInvalidate, type Invalidate } from './cloudfront';
import { type PendingPurges, pendingPurges } from './repository';

export interface CdnDeps {
  pending: PendingPurges;
  invalidate: Invalidate;
  distributionId: string;
}

let deps: CdnDeps | undefined;

export function cdnDeps(): CdnDeps {
  deps ??= {
    pending: pendingPurges(dynamo(), requireEnv('CDN_PURGES_TABLE_NAME')),
    invalidate: cloudFrontInvalidate(),
    distributionId: requireEnv('CDN_DISTRIBUTION_ID'),
  };
  return deps;
}
