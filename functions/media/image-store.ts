import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';

export interface ImageLocation {
  productId: string;
  imageId: string;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

export interface StoredImage {
  contentType: string | undefined;
  /** The object's first bytes (its file signature). */
  head: Uint8Array;
}

/** Images never change under their id, so browsers and CloudFront may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SIGNATURE_BYTES = 16;

/**
 * The images bucket: the only file that knows its keys (`products/<product_id>/<image_id>`),
 * and how uploads are presigned. An upload is a presigned POST whose policy holds the browser
 * to the declared Content-Type and exact size, so S3 itself refuses anything else.
 */
export function imageStore(s3: S3Client, options: { bucket: string; baseUrl: string }) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const keyOf = ({ productId, imageId }: ImageLocation) => `products/${productId}/${imageId}`;

  return {
    bucketName: options.bucket,

    /** The image's location when `key` is an image key; undefined for any other object. */
    locate(key: string): ImageLocation | undefined {
      const match = /^products\/(prod_[0-9A-Za-z]{1,64})\/(img_[0-9A-Za-z]{1,64})$/.exec(key);
      return match ? { productId: match[1]!, imageId: match[2]! } : undefined;
    },

    /** The public URL (CloudFront on AWS) the image is served from. */
    publicUrl(location: ImageLocation): string {
      return `${baseUrl}/${keyOf(location)}`;
    },

    async presignUpload(
      location: ImageLocation,
      upload: { contentType: string; size: number; expiresSeconds: number },
    ): Promise<PresignedUpload> {
      const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + upload.expiresSeconds * 1000);
      const { url, fields } = await createPresignedPost(s3, {
        Bucket: options.bucket,
        Key: keyOf(location),
        Conditions: [['content-length-range', upload.size, upload.size]],
        Fields: { 'Content-Type': upload.contentType, 'Cache-Control': IMMUTABLE },
        Expires: upload.expiresSeconds,
      });
      return { url, fields, expiresAt };
    },

    /** The stored object's type and first bytes; undefined when there is no such object. */
    async read(location: ImageLocation): Promise<StoredImage | undefined> {
      try {
        const object = await s3.send(
          new GetObjectCommand({
            Bucket: options.bucket,
            Key: keyOf(location),
            Range: `bytes=0-${SIGNATURE_BYTES - 1}`,
          }),
        );
        const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
        return { contentType: object.ContentType, head: bytes.slice(0, SIGNATURE_BYTES) };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async exists(location: ImageLocation): Promise<boolean> {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: options.bucket, Key: keyOf(location) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },

    /** Deletes the object; deleting one that is not there is not an error, as in S3. */
    async remove(location: ImageLocation): Promise<void> {
      await s3.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: keyOf(location) }));
    },
  };
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}
