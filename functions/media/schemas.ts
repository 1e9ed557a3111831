import * as z from 'zod';
import { idOf } from '../../shared/schemas/common';

/** The image types a product page may show. */
export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

/** 5 MB, the largest image a seller may upload. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Image ids as the catalog accepts them (uploads get `img_` + a ULID). */
const imageId = z.string().regex(/^img_[A-Za-z0-9_-]{1,64}$/, 'must be an img_… id');

export const ProductImagesParams = z.object({ product_id: idOf('prod') });
export const ProductImageParams = z.object({ product_id: idOf('prod'), image_id: imageId });

export const RequestUploadBody = z.strictObject({
  content_type: z.enum(IMAGE_CONTENT_TYPES, { error: `must be one of ${IMAGE_CONTENT_TYPES.join(', ')}` }),
  size: z
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .max(MAX_IMAGE_BYTES, `must be at most ${MAX_IMAGE_BYTES} bytes (5 MB)`),
});

export const ReorderImagesBody = z.strictObject({
  image_ids: z.array(imageId).max(10, 'must list at most 10 images'),
});

export const UploadTicket = z.object({
  image_id: z.string(),
  /** Where the browser POSTs a multipart form: `fields` first, then the file as `file`. */
  upload_url: z.string(),
  fields: z.record(z.string(), z.string()),
  expires_at: z.string(),
});

export const ProductImagesResponse = z.object({
  product_id: z.string(),
  images: z.array(z.object({ image_id: z.string(), url: z.string() })),
});

export type RequestUploadInput = z.output<typeof RequestUploadBody>;
export type UploadTicketView = z.input<typeof UploadTicket>;
export type ProductImagesView = z.input<typeof ProductImagesResponse>;
