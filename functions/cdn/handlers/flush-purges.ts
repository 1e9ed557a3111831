import { cdnDeps } from '../deps';
import { flushPurges } from '../flush';

/** The FlushCdnPurges schedule: what is marked goes to CloudFront as one invalidation. */
export async function handler(): Promise<{ sent: number }> {
  return flushPurges(cdnDeps());
}
