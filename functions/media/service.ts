import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import type { AuthUser } from '../../shared/http/route';
import type { AttachResult, DetachResult, ProductImages, ReorderResult } from '../catalog/image-attachment';
import type { ProductImage } from '../catalog/product';
import { ImageLimitReachedError, ImageNotFoundError } from './errors';
import { imageTypeOf } from './image-signature';
import type { ImageLocation, PresignedUpload, StoredImage } from './image-store';
import type { ProductImagesView, RequestUploadInput, UploadTicketView } from './schemas';

/** What the media service needs of the catalog: its exported image functions. */
export interface CatalogImages {
  productImages(productId: string): Promise<ProductImages | undefined>;
  attachImage(productId: string, image: ProductImage): Promise<AttachResult>;
  detachImage(productId: string, imageId: string): Promise<DetachResult>;
  reorderImages(productId: string, imageIds: string[]): Promise<ReorderResult>;
}

/** The images bucket, as ./image-store.ts serves it. */
export interface ImageBucket {
  bucketName: string;
  locate(key: string): ImageLocation | undefined;
  publicUrl(location: ImageLocation): string;
  presignUpload(
    location: ImageLocation,
    upload: { contentType: string; size: number; expiresSeconds: number },
  ): Promise<PresignedUpload>;
  read(location: ImageLocation): Promise<StoredImage | undefined>;
  exists(location: ImageLocation): Promise<boolean>;
  remove(location: ImageLocation): Promise<void>;
}

export interface MediaDeps {
  images: ImageBucket;
  catalog: CatalogImages;
  maxImagesPerProduct: number;
  uploadExpiresSeconds: number;
  newImageId: () => string;
}

/**
 * Hands the product's owner a presigned POST for one image. Nothing is recorded: the object
 * key (`products/<product_id>/<image_id>`) carries all the upload needs, and the image joins
 * the product when S3 reports the object created (see attachUploadedImage).
 */
export async function requestImageUpload(
  actor: AuthUser,
  productId: string,
  input: RequestUploadInput,
  deps: MediaDeps,
): Promise<UploadTicketView> {
  const product = await ownedProduct(actor, productId, deps);
  if (product.images.length >= deps.maxImagesPerProduct) {
    throw new ImageLimitReachedError(deps.maxImagesPerProduct);
  }
  const location = { productId, imageId: deps.newImageId() };
  const upload = await deps.images.presignUpload(location, {
    contentType: input.content_type,
    size: input.size,
    expiresSeconds: deps.uploadExpiresSeconds,
  });
  return {
    image_id: location.imageId,
    upload_url: upload.url,
    fields: upload.fields,
    expires_at: upload.expiresAt.toISOString(),
  };
}

/**
 * Takes an image off the product and deletes its object. An upload that has not reached the
 * product yet is cancelled the same way; an id that is neither is 404.
 */
export async function deleteProductImage(
  actor: AuthUser,
  productId: string,
  imageId: string,
  deps: MediaDeps,
): Promise<void> {
  await ownedProduct(actor, productId, deps);
  const location = { productId, imageId };
  const result = await deps.catalog.detachImage(productId, imageId);
  if (result === 'product-missing') throw new NotFoundError('Product');
  if (result === 'not-attached' && !(await deps.images.exists(location))) throw new ImageNotFoundError();
  await deps.images.remove(location);
}

/** Sets the order of the product's images; the ids must be a permutation of the current ones. */
export async function reorderProductImages(
  actor: AuthUser,
  productId: string,
  imageIds: string[],
  deps: MediaDeps,
): Promise<ProductImagesView> {
  await ownedProduct(actor, productId, deps);
  const result = await deps.catalog.reorderImages(productId, imageIds);
  if (result.outcome === 'product-missing') throw new NotFoundError('Product');
  if (result.outcome === 'not-a-permutation') {
    const current = result.current.map((image) => image.image_id);
    throw ValidationError.forField(
      'image_ids',
      `must list each of the product's current images exactly once: [${current.join(', ')}]`,
    );
  }
  return { product_id: productId, images: result.images };
}

export type UploadOutcome = AttachResult | 'not-an-image-key' | 'object-gone' | 'not-the-declared-type';

/**
 * Rule target for S3's "Object Created": attaches a finished upload to its product. The object
 * must really be the image type it was uploaded as (its first bytes, not just its Content-Type);
 * one that is not, or that the product can no longer take (deleted, or already at its limit),
 * is deleted. Repeated deliveries are harmless.
 */
export async function attachUploadedImage(
  object: { bucket: string; key: string },
  deps: MediaDeps,
): Promise<UploadOutcome> {
  const location = object.bucket === deps.images.bucketName ? deps.images.locate(object.key) : undefined;
  if (!location) return 'not-an-image-key';
  const stored = await deps.images.read(location);
  if (!stored) return 'object-gone';
  const type = imageTypeOf(stored.head);
  if (!type || type !== stored.contentType) {
    await deps.images.remove(location);
    return 'not-the-declared-type';
  }
  const result = await deps.catalog.attachImage(location.productId, {
    image_id: location.imageId,
    url: deps.images.publicUrl(location),
  });
  if (result === 'limit-reached' || result === 'product-missing') await deps.images.remove(location);
  return result;
}

async function ownedProduct(actor: AuthUser, productId: string, deps: MediaDeps): Promise<ProductImages> {
  const product = await deps.catalog.productImages(productId);
  if (!product?.exists) throw new NotFoundError('Product');
  if (product.sellerId !== actor.userId && !actor.roles.includes('admin')) {
    throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
  }
  return product;
}
