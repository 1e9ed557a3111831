import { catalogDeps } from './deps';
import { ProductVersionConflictError } from './errors';
import type { ProductImage, ProductRecord } from './product';
import type { ProductStore } from './store';

/**
 * The catalog's exported functions for a product's images, called by the media service (which
 * holds read-write access to the products table for them, granted in its manifest entries).
 * Every change is written conditional on the product's version, as `save` does, re-reading
 * and retrying when another writer got there first.
 */

/** A product holds at most this many images (the create and update bodies say the same). */
export const MAX_PRODUCT_IMAGES = 10;

export interface ProductImages {
  productId: string;
  sellerId: string;
  /** False once the product is deleted. */
  exists: boolean;
  images: ProductImage[];
}

export type AttachResult = 'attached' | 'already-attached' | 'limit-reached' | 'product-missing';
export type DetachResult = 'detached' | 'not-attached' | 'product-missing';
export type ReorderResult =
  | { outcome: 'reordered'; images: ProductImage[] }
  | { outcome: 'not-a-permutation'; current: ProductImage[] }
  | { outcome: 'product-missing' };

type Repository = Pick<ProductStore, 'get' | 'save'>;
// Each failed attempt means another writer succeeded; a burst of uploads to one product fits in this.
const MAX_ATTEMPTS = MAX_PRODUCT_IMAGES + 2;

/** A product's owner and images; undefined when there is no such product. */
export async function productImages(
  productId: string,
  products: Repository = catalogDeps().products,
): Promise<ProductImages | undefined> {
  const product = await products.get(productId);
  if (!product) return undefined;
  return {
    productId,
    sellerId: product.sellerId,
    exists: product.listing !== 'deleted',
    images: product.images,
  };
}

/** Appends an image; a repeated attach of the same image id is a no-op, and an 11th is refused. */
export function attachImage(
  productId: string,
  image: ProductImage,
  products: Repository = catalogDeps().products,
  now: () => Date = () => new Date(),
): Promise<AttachResult> {
  return change(products, productId, now, (current) => {
    if (current.images.some((held) => held.image_id === image.image_id))
      return { result: 'already-attached' };
    if (current.images.length >= MAX_PRODUCT_IMAGES) return { result: 'limit-reached' };
    return { result: 'attached', images: [...current.images, image] };
  });
}

/** Removes an image from the product's list. */
export function detachImage(
  productId: string,
  imageId: string,
  products: Repository = catalogDeps().products,
  now: () => Date = () => new Date(),
): Promise<DetachResult> {
  return change(products, productId, now, (current) => {
    const remaining = current.images.filter((held) => held.image_id !== imageId);
    if (remaining.length === current.images.length) return { result: 'not-attached' };
    return { result: 'detached', images: remaining };
  });
}

/** Puts the images in the given order, which must name each current image exactly once. */
export function reorderImages(
  productId: string,
  imageIds: string[],
  products: Repository = catalogDeps().products,
  now: () => Date = () => new Date(),
): Promise<ReorderResult> {
  return change<ReorderResult>(
    products,
    productId,
    now,
    (current) => {
      const byId = new Map(current.images.map((image) => [image.image_id, image]));
      const permutation =
        imageIds.length === current.images.length &&
        new Set(imageIds).size === imageIds.length &&
        imageIds.every((id) => byId.has(id));
      if (!permutation) return { result: { outcome: 'not-a-permutation', current: current.images } };
      const images = imageIds.map((id) => byId.get(id)!);
      const unchanged = images.every((image, index) => image === current.images[index]);
      return { result: { outcome: 'reordered', images }, images: unchanged ? undefined : images };
    },
    { outcome: 'product-missing' },
  );
}

/**
 * Reads the product, lets `decide` pick the result and the new image list (none: nothing to
 * write), and writes it conditional on the version read.
 */
async function change<R>(
  products: Repository,
  productId: string,
  now: () => Date,
  decide: (current: ProductRecord) => { result: R; images?: ProductImage[] },
  missing: R = 'product-missing' as R,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const current = await products.get(productId);
    if (!current || current.listing === 'deleted') return missing;
    const { result, images } = decide(current);
    if (!images) return result;
    try {
      await products.save(
        { ...current, images, version: current.version + 1, updatedAt: now().toISOString() },
        current.version,
      );
      return result;
    } catch (error) {
      if (!(error instanceof ProductVersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
