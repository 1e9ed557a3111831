import type { ProductImages } from '../../../functions/catalog/image-attachment';
import type { ProductImage } from '../../../functions/catalog/product';
import { imageTypeOf } from '../../../functions/media/image-signature';
import type { ImageLocation } from '../../../functions/media/image-store';
import {
  attachUploadedImage,
  deleteProductImage,
  type MediaDeps,
  reorderProductImages,
  requestImageUpload,
} from '../../../functions/media/service';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 16];
const WEBP = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];

const owner = { userId: 'usr_owner', roles: ['customer', 'seller'] as const };
const rival = { userId: 'usr_rival', roles: ['customer', 'seller'] as const };
const admin = { userId: 'usr_admin', roles: ['customer', 'admin'] as const };

/** The catalog and the bucket as plain maps: the service's rules, without AWS. */
function fakes(images: ProductImage[] = [], options: { deleted?: boolean } = {}) {
  const product: ProductImages = {
    productId: 'prod_1',
    sellerId: owner.userId,
    exists: !options.deleted,
    images,
  };
  const objects = new Map<string, { contentType: string; head: number[] }>();
  const removed: string[] = [];
  const keyOf = (location: ImageLocation) => `products/${location.productId}/${location.imageId}`;
  let ids = 0;
  const deps: MediaDeps = {
    maxImagesPerProduct: 3,
    uploadExpiresSeconds: 900,
    newImageId: () => `img_NEW${++ids}`,
    catalog: {
      productImages: async (id) =>
        id === product.productId ? { ...product, images: [...product.images] } : undefined,
      attachImage: async (_id, image) => {
        if (!product.exists) return 'product-missing';
        if (product.images.some((held) => held.image_id === image.image_id)) return 'already-attached';
        if (product.images.length >= 3) return 'limit-reached';
        product.images = [...product.images, image];
        return 'attached';
      },
      detachImage: async (_id, imageId) => {
        const remaining = product.images.filter((held) => held.image_id !== imageId);
        if (remaining.length === product.images.length) return 'not-attached';
        product.images = remaining;
        return 'detached';
      },
      reorderImages: async (_id, imageIds) => {
        const byId = new Map(product.images.map((image) => [image.image_id, image]));
        if (imageIds.length !== product.images.length || !imageIds.every((id) => byId.has(id))) {
          return { outcome: 'not-a-permutation', current: product.images };
        }
        product.images = imageIds.map((id) => byId.get(id)!);
        return { outcome: 'reordered', images: product.images };
      },
    },
    images: {
      bucketName: 'images',
      locate: (key) => {
        const match = /^products\/(prod_\w+)\/(img_\w+)$/.exec(key);
        return match ? { productId: match[1]!, imageId: match[2]! } : undefined;
      },
      publicUrl: (location) => `https://cdn.example/${keyOf(location)}`,
      presignUpload: async (location, upload) => ({
        url: 'https://images.s3.example/',
        fields: { key: keyOf(location), 'Content-Type': upload.contentType, size: String(upload.size) },
        expiresAt: new Date('2026-01-01T00:15:00Z'),
      }),
      read: async (location) => {
        const object = objects.get(keyOf(location));
        return object ? { contentType: object.contentType, head: Uint8Array.from(object.head) } : undefined;
      },
      exists: async (location) => objects.has(keyOf(location)),
      remove: async (location) => {
        objects.delete(keyOf(location));
        removed.push(keyOf(location));
      },
    },
  };
  const put = (key: string, contentType: string, head: number[]) => objects.set(key, { contentType, head });
  return { deps, product, objects, removed, put };
}

const image = (id: string): ProductImage => ({ image_id: id, url: `https://cdn.example/${id}` });

describe('media service', () => {
  describe('requestImageUpload', () => {
    it('hands the owner a presigned upload for a new image id under the product’s key', async () => {
      const { deps } = fakes();
      const ticket = await requestImageUpload(
        owner,
        'prod_1',
        { content_type: 'image/png', size: 1234 },
        deps,
      );
      expect(ticket).toEqual({
        image_id: 'img_NEW1',
        upload_url: 'https://images.s3.example/',
        fields: { key: 'products/prod_1/img_NEW1', 'Content-Type': 'image/png', size: '1234' },
        expires_at: '2026-01-01T00:15:00.000Z',
      });
    });

    it('refuses another seller (403) but not an admin', async () => {
      const { deps } = fakes();
      await expect(
        requestImageUpload(rival, 'prod_1', { content_type: 'image/png', size: 1 }, deps),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        requestImageUpload(admin, 'prod_1', { content_type: 'image/png', size: 1 }, deps),
      ).resolves.toMatchObject({ image_id: 'img_NEW1' });
    });

    it('answers 404 for a missing or deleted product', async () => {
      await expect(
        requestImageUpload(owner, 'prod_2', { content_type: 'image/png', size: 1 }, fakes().deps),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        requestImageUpload(
          owner,
          'prod_1',
          { content_type: 'image/png', size: 1 },
          fakes([], { deleted: true }).deps,
        ),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses once the product holds its limit (409 IMAGE_LIMIT_REACHED)', async () => {
      const { deps } = fakes([image('img_a'), image('img_b'), image('img_c')]);
      await expect(
        requestImageUpload(owner, 'prod_1', { content_type: 'image/png', size: 1 }, deps),
      ).rejects.toMatchObject({ status: 409, code: 'IMAGE_LIMIT_REACHED', details: { limit: 3 } });
    });
  });

  describe('attachUploadedImage', () => {
    it('attaches a finished upload with its public URL, once however often it is reported', async () => {
      const { deps, product, put } = fakes();
      put('products/prod_1/img_X', 'image/png', PNG);
      const object = { bucket: 'images', key: 'products/prod_1/img_X' };
      expect(await attachUploadedImage(object, deps)).toBe('attached');
      expect(await attachUploadedImage(object, deps)).toBe('already-attached');
      expect(product.images).toEqual([
        { image_id: 'img_X', url: 'https://cdn.example/products/prod_1/img_X' },
      ]);
    });

    it('ignores other buckets and keys that are not product images', async () => {
      const { deps, product } = fakes();
      expect(await attachUploadedImage({ bucket: 'other', key: 'products/prod_1/img_X' }, deps)).toBe(
        'not-an-image-key',
      );
      expect(await attachUploadedImage({ bucket: 'images', key: 'products/prod_1/readme.txt' }, deps)).toBe(
        'not-an-image-key',
      );
      expect(product.images).toEqual([]);
    });

    it('does nothing for an object deleted before its event arrived', async () => {
      const { deps, product } = fakes();
      expect(await attachUploadedImage({ bucket: 'images', key: 'products/prod_1/img_X' }, deps)).toBe(
        'object-gone',
      );
      expect(product.images).toEqual([]);
    });

    it('deletes an object whose bytes are not the type it was stored as', async () => {
      const { deps, product, put, removed } = fakes();
      put('products/prod_1/img_X', 'image/png', JPEG);
      put('products/prod_1/img_Y', 'image/png', [0x3c, 0x68, 0x74, 0x6d, 0x6c]);
      for (const key of ['products/prod_1/img_X', 'products/prod_1/img_Y']) {
        expect(await attachUploadedImage({ bucket: 'images', key }, deps)).toBe('not-the-declared-type');
      }
      expect(removed).toEqual(['products/prod_1/img_X', 'products/prod_1/img_Y']);
      expect(product.images).toEqual([]);
    });

    it('deletes an upload the product can no longer take: at its limit, or deleted', async () => {
      const full = fakes([image('img_a'), image('img_b'), image('img_c')]);
      full.put('products/prod_1/img_X', 'image/webp', WEBP);
      expect(await attachUploadedImage({ bucket: 'images', key: 'products/prod_1/img_X' }, full.deps)).toBe(
        'limit-reached',
      );
      expect(full.removed).toEqual(['products/prod_1/img_X']);

      const gone = fakes([], { deleted: true });
      gone.put('products/prod_1/img_X', 'image/jpeg', JPEG);
      expect(await attachUploadedImage({ bucket: 'images', key: 'products/prod_1/img_X' }, gone.deps)).toBe(
        'product-missing',
      );
      expect(gone.removed).toEqual(['products/prod_1/img_X']);
    });
  });

  describe('deleteProductImage', () => {
    it('takes the image off the product and deletes its object', async () => {
      const { deps, product, put, objects } = fakes([image('img_a'), image('img_b')]);
      put('products/prod_1/img_a', 'image/png', PNG);
      await deleteProductImage(owner, 'prod_1', 'img_a', deps);
      expect(product.images.map((held) => held.image_id)).toEqual(['img_b']);
      expect(objects.has('products/prod_1/img_a')).toBe(false);
    });

    it('cancels an upload that has not reached the product yet', async () => {
      const { deps, put, objects } = fakes();
      put('products/prod_1/img_P', 'image/png', PNG);
      await deleteProductImage(owner, 'prod_1', 'img_P', deps);
      expect(objects.size).toBe(0);
    });

    it('answers 404 IMAGE_NOT_FOUND for an id that is neither, and 403 to another seller', async () => {
      const { deps } = fakes([image('img_a')]);
      await expect(deleteProductImage(owner, 'prod_1', 'img_zz', deps)).rejects.toMatchObject({
        status: 404,
        code: 'IMAGE_NOT_FOUND',
      });
      await expect(deleteProductImage(rival, 'prod_1', 'img_a', deps)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('reorderProductImages', () => {
    it('sets the order and answers the images', async () => {
      const { deps } = fakes([image('img_a'), image('img_b')]);
      const result = await reorderProductImages(owner, 'prod_1', ['img_b', 'img_a'], deps);
      expect(result).toEqual({ product_id: 'prod_1', images: [image('img_b'), image('img_a')] });
    });

    it('refuses a list that is not a permutation of the current images, naming image_ids', async () => {
      const { deps } = fakes([image('img_a'), image('img_b')]);
      const refusal = reorderProductImages(owner, 'prod_1', ['img_a'], deps);
      await expect(refusal).rejects.toBeInstanceOf(ValidationError);
      await expect(refusal).rejects.toMatchObject({
        details: { fields: [{ field: 'image_ids', message: expect.stringContaining('img_a, img_b') }] },
      });
    });
  });
});

describe('imageTypeOf (file signatures)', () => {
  it('recognises JPEG, PNG and WebP by their first bytes, and nothing else', () => {
    expect(imageTypeOf(Uint8Array.from(JPEG))).toBe('image/jpeg');
    expect(imageTypeOf(Uint8Array.from(PNG))).toBe('image/png');
    expect(imageTypeOf(Uint8Array.from(WEBP))).toBe('image/webp');
    expect(imageTypeOf(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBeUndefined(); // GIF
    expect(imageTypeOf(new Uint8Array())).toBeUndefined();
  });
});
