import type { EventRuleDefinition } from '../../shared/manifests/types';

/**
 * The media service's event rules (uploads finished in the images bucket). S3 sends its
 * EventBridge notifications to the account's default bus; the bucket's name is known only at
 * deploy time, so the rule matches on the key prefix that only product images use.
 */
export const mediaRules: EventRuleDefinition[] = [
  {
    id: 'MediaOnImageUploaded',
    description: 'Attach a finished image upload to its product (or delete it if the product cannot take it)',
    bus: 'default',
    pattern: {
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { object: { key: [{ prefix: 'products/' }] } },
    },
    handler: 'functions/media/handlers/on-image-uploaded.handler',
    uses: { tables: { products: 'readWrite' }, bucket: 'images' },
  },
];
