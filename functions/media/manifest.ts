import type { ServiceManifest } from '../../shared/manifests/types';
import { mediaRoutes } from './routes';

/** The media service's entries in the platform manifests (gathered by functions/manifest.ts). It owns no table: images live in the images bucket. */
export const mediaManifest: ServiceManifest = {
  service: 'media',
  routes: mediaRoutes,
  rules: [
    /*
     * Uploads finished in the images bucket. S3 sends its EventBridge notifications to the
     * account's default bus; the bucket's name is known only at deploy time, so the rule
     * matches on the key prefix that only product images use.
     */
    {
      id: 'MediaOnImageUploaded',
      description:
        'Attach a finished image upload to its product (or delete it if the product cannot take it)',
      bus: 'default',
      pattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { object: { key: [{ prefix: 'products/' }] } },
      },
      handler: 'functions/media/handlers/on-image-uploaded.handler',
      uses: { tables: { products: 'readWrite' }, bucket: 'images' },
    },
  ],
};
