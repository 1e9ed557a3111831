import { S3Client } from '@aws-sdk/client-s3';
import { boolEnv, intEnv, requireEnv } from '../../shared/config';
import { newId } from '../../shared/ids';
import {
  attachImage,
  detachImage,
  MAX_PRODUCT_IMAGES,
  productImages,
  reorderImages,
} from '../catalog/image-attachment';
import { imageStore } from './image-store';
import type { MediaDeps } from './service';

let deps: MediaDeps | undefined;

/**
 * Built once per container. The S3 client's endpoint comes from the SDK's own variables
 * (`AWS_ENDPOINT_URL_S3`); path-style addressing is a setting (`S3_FORCE_PATH_STYLE`, on for
 * S3-compatible servers), and checksums are sent and checked only where S3 requires them,
 * which works with AWS and with S3-compatible servers alike.
 */
export function mediaDeps(): MediaDeps {
  deps ??= {
    images: imageStore(
      new S3Client({
        forcePathStyle: boolEnv('S3_FORCE_PATH_STYLE', false),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 5,
      }),
      { bucket: requireEnv('IMAGES_BUCKET_NAME'), baseUrl: requireEnv('IMAGES_BASE_URL') },
    ),
    catalog: {
      productImages: (productId) => productImages(productId),
      attachImage: (productId, image) => attachImage(productId, image),
      detachImage: (productId, imageId) => detachImage(productId, imageId),
      reorderImages: (productId, imageIds) => reorderImages(productId, imageIds),
    },
    maxImagesPerProduct: MAX_PRODUCT_IMAGES,
    uploadExpiresSeconds: intEnv('IMAGE_UPLOAD_EXPIRES_SECONDS', 900),
    newImageId: () => newId('img'),
  };
  return deps;
}
