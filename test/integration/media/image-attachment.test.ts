import {
  attachImage,
  detachImage,
  MAX_PRODUCT_IMAGES,
  productImages,
  reorderImages,
} from '../../../functions/catalog/image-attachment';
import type { ProductRecord } from '../../../functions/catalog/product';
import { productRepository } from '../../../functions/catalog/repository';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { aProduct, listProduct } from '../../support/products';

const doc = testDocumentClient();
const products = productRepository(doc, tableName('PRODUCTS_TABLE_NAME'));
const inventoryTable = tableName('INVENTORY_TABLE_NAME');
const image = (id: string) => ({ image_id: id, url: `https://cdn.example/${id}` });

async function newProduct(overrides: Partial<ProductRecord> = {}): Promise<ProductRecord> {
  const product = aProduct({
    title: 'Camera',
    description: '',
    category: 'electronics',
    priceCents: 10_000,
    ...overrides,
  });
  return listProduct(products, inventoryTable, product, 5);
}

describe('catalog image functions against DynamoDB Local', () => {
  it('appends an image, bumping the product’s version, and ignores a repeated attach', async () => {
    const product = await newProduct({ images: [image('img_a')] });
    expect(await attachImage(product.productId, image('img_b'), products)).toBe('attached');
    expect(await attachImage(product.productId, image('img_b'), products)).toBe('already-attached');
    const stored = await products.get(product.productId);
    expect(stored?.images).toEqual([image('img_a'), image('img_b')]);
    expect(stored?.version).toBe(2);
  });

  it('refuses an image beyond the limit', async () => {
    const full = Array.from({ length: MAX_PRODUCT_IMAGES }, (_, i) => image(`img_${i}`));
    const product = await newProduct({ images: full });
    expect(await attachImage(product.productId, image('img_x'), products)).toBe('limit-reached');
    expect((await products.get(product.productId))?.images).toHaveLength(MAX_PRODUCT_IMAGES);
  });

  it('loses no image when uploads finish at the same time (conditional writes, retried)', async () => {
    const product = await newProduct();
    const ids = ['img_p1', 'img_p2', 'img_p3', 'img_p4'];
    const results = await Promise.all(ids.map((id) => attachImage(product.productId, image(id), products)));
    expect(results).toEqual(ids.map(() => 'attached'));
    const stored = await products.get(product.productId);
    expect(stored?.images.map((held) => held.image_id).sort()).toEqual(ids);
    expect(stored?.version).toBe(1 + ids.length);
  });

  it('says so for a deleted or unknown product', async () => {
    const deleted = await newProduct({ listing: 'deleted' });
    expect(await attachImage(deleted.productId, image('img_a'), products)).toBe('product-missing');
    expect(await attachImage(newId('prod'), image('img_a'), products)).toBe('product-missing');
    expect(await productImages(deleted.productId, products)).toMatchObject({ exists: false });
    expect(await productImages(newId('prod'), products)).toBeUndefined();
  });

  it('detaches an image, and reports one that is not attached', async () => {
    const product = await newProduct({ images: [image('img_a'), image('img_b')] });
    expect(await detachImage(product.productId, 'img_a', products)).toBe('detached');
    expect(await detachImage(product.productId, 'img_a', products)).toBe('not-attached');
    expect((await products.get(product.productId))?.images).toEqual([image('img_b')]);
  });

  it('reorders to a permutation and refuses anything else, without writing', async () => {
    const product = await newProduct({ images: [image('img_a'), image('img_b'), image('img_c')] });
    expect(await reorderImages(product.productId, ['img_c', 'img_a', 'img_b'], products)).toEqual({
      outcome: 'reordered',
      images: [image('img_c'), image('img_a'), image('img_b')],
    });
    for (const ids of [
      ['img_a', 'img_b'],
      ['img_a', 'img_a', 'img_b'],
      ['img_a', 'img_b', 'img_z'],
    ]) {
      expect(await reorderImages(product.productId, ids, products)).toMatchObject({
        outcome: 'not-a-permutation',
      });
    }
    const stored = await products.get(product.productId);
    expect(stored?.images.map((held) => held.image_id)).toEqual(['img_c', 'img_a', 'img_b']);
    expect(stored?.version).toBe(2);
  });
});
