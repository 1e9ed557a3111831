import { randomUUID } from 'node:crypto';

/** One record of an S3 event notification, as s3rver emits it (`server.on('event', …)`). */
export interface S3NotificationRecord {
  eventName: string;
  eventTime?: string;
  awsRegion?: string;
  requestParameters?: { sourceIPAddress?: string };
  responseElements?: Record<string, string>;
  s3: {
    bucket: { name: string };
    object: { key: string; size?: number; eTag?: string; sequencer?: string; versionId?: string };
  };
}

/** What S3 sends to EventBridge (on the account's default bus) when a bucket has EventBridge notifications on. */
export interface S3EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': 'Object Created' | 'Object Deleted';
  source: 'aws.s3';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    version: '0';
    bucket: { name: string };
    object: { key: string; size?: number; etag?: string; 'version-id'?: string; sequencer?: string };
    'request-id': string;
    requester: string;
    'source-ip-address'?: string;
    reason: string;
    'deletion-type'?: string;
  };
}

const REASONS: Record<string, string> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Post': 'PostObject',
  'ObjectCreated:Copy': 'CopyObject',
  'ObjectCreated:CompleteMultipartUpload': 'CompleteMultipartUpload',
  'ObjectRemoved:Delete': 'DeleteObject',
};

/**
 * Translates an S3 notification record into the EventBridge event S3 sends for it
 * (`detail-type` "Object Created" / "Object Deleted", `source` "aws.s3"); undefined for
 * notifications S3 does not send to EventBridge.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 */
export function toEventBridgeEvent(
  record: S3NotificationRecord,
  context: { account: string; region: string },
): S3EventBridgeEvent | undefined {
  const reason = REASONS[record.eventName];
  if (!reason) return undefined;
  const created = record.eventName.startsWith('ObjectCreated:');
  const { bucket, object } = record.s3;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': created ? 'Object Created' : 'Object Deleted',
    source: 'aws.s3',
    account: context.account,
    time: (record.eventTime ? new Date(record.eventTime) : new Date())
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    region: context.region,
    resources: [`arn:aws:s3:::${bucket.name}`],
    detail: {
      version: '0',
      bucket: { name: bucket.name },
      object: created
        ? {
            key: object.key,
            size: object.size,
            etag: object.eTag,
            ...(object.versionId ? { 'version-id': object.versionId } : {}),
            sequencer: object.sequencer,
          }
        : { key: object.key, sequencer: object.sequencer },
      'request-id':
        record.responseElements?.['x-amz-request-id'] ?? randomUUID().replace(/-/g, '').slice(0, 16),
      requester: context.account,
      'source-ip-address': record.requestParameters?.sourceIPAddress,
      reason,
      ...(created ? {} : { 'deletion-type': 'Permanently Deleted' }),
    },
  };
}
