import { scheduledHandler } from '../../../shared/handlers';
import { cdnDeps } from '../deps';
import { flushPurges } from '../flush';

/** The FlushCdnPurges schedule: what is marked goes to CloudFront as one invalidation. */
export const handler = scheduledHandler(async () => flushPurges(cdnDeps()));
