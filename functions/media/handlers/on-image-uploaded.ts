import { eventRuleHandler } from '../../../shared/handlers';
import { logger } from '../../../shared/logger';
import { mediaDeps } from '../deps';
import { attachUploadedImage, type UploadOutcome } from '../service';

/** The parts of S3's "Object Created" EventBridge event this handler reads. */
export interface ObjectCreatedEvent {
  source: 'aws.s3';
  'detail-type': 'Object Created';
  detail: { bucket: { name: string }; object: { key: string; size?: number } };
}

/** Rule target (default bus) for S3's "Object Created": a finished upload joins its product. */
export const handler = eventRuleHandler(
  async (event: ObjectCreatedEvent): Promise<{ outcome: UploadOutcome }> => {
    const { bucket, object } = event.detail;
    const outcome = await attachUploadedImage({ bucket: bucket.name, key: object.key }, mediaDeps());
    if (outcome !== 'attached' && outcome !== 'already-attached') {
      logger.warn('Uploaded image not attached', { bucket: bucket.name, key: object.key, outcome });
    }
    return { outcome };
  },
);
