import { createHash } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import type { AuthUser } from '../../shared/http/route';
import { newId } from '../../shared/ids';
import { CURRENCY, isOnSale, moneyFields } from '../../shared/money';
import { newStockRecordPut, stockStatusOf } from '../inventory/stock-records';
import { ProductVersionConflictError } from './errors';
import { isPublic, NO_RATINGS, type ProductImage, type ProductRecord, statusOf } from './product';
import type { CreateProductInput, ProductView, UpdateProductInput } from './schemas';
import type { ProductPageStore, ProductStore } from './store';

export interface CatalogDeps {
  products: ProductStore;
  /** The product page record (the product and its published partners), kept by events. */
  pages: ProductPageStore;
  inventoryTableName: string;
  imagesBaseUrl: string;
  now: () => Date;
}

export async function createProduct(
  sellerId: string,
  input: CreateProductInput,
  deps: CatalogDeps,
): Promise<ProductView> {
  const now = deps.now().toISOString();
  const productId = newId('prod');
  const product: ProductRecord = {
    productId,
    sellerId,
    title: input.title,
    description: input.description,
    category: input.category,
    priceCents: input.price,
    compareAtPriceCents: input.compare_at_price ?? null,
    currency: CURRENCY,
    images: resolveImages(input.images, deps.imagesBaseUrl),
    avgRating: 0,
    reviewCount: 0,
    ratingHistogram: NO_RATINGS,
    ratingVersion: 0,
    stockStatus: stockStatusOf(input.stock),
    stockVersion: 1,
    listing: input.status,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.products.createWithStock(
    product,
    newStockRecordPut(deps.inventoryTableName, { productId, sellerId, available: input.stock, now }),
  );
  return productView(product);
}

/**
 * Applies a partial update. The product is read, changed and written back conditional on
 * the version read (stock is not touched here), retrying when another writer got there first.
 */
export async function updateProduct(
  actor: AuthUser,
  productId: string,
  changes: UpdateProductInput,
  deps: CatalogDeps,
): Promise<ProductView> {
  for (let attempt = 1; ; attempt++) {
    const current = await ownedProduct(actor, productId, deps);
    const next: ProductRecord = {
      ...current,
      title: changes.title ?? current.title,
      description: changes.description ?? current.description,
      priceCents: changes.price ?? current.priceCents,
      compareAtPriceCents:
        changes.compare_at_price === undefined ? current.compareAtPriceCents : changes.compare_at_price,
      category: changes.category ?? current.category,
      images: changes.images
        ? resolveImages(changes.images, deps.imagesBaseUrl, current.images)
        : current.images,
      listing: changes.status ?? current.listing,
      version: current.version + 1,
      updatedAt: deps.now().toISOString(),
    };
    if (next.compareAtPriceCents !== null && next.compareAtPriceCents <= next.priceCents) {
      throw ValidationError.forField(
        changes.compare_at_price !== undefined ? 'compare_at_price' : 'price',
        'compare_at_price must be greater than price',
      );
    }
    try {
      await deps.products.save(next, current.version);
      return productView(next);
    } catch (error) {
      if (!(error instanceof ProductVersionConflictError) || attempt >= 3) throw error;
    }
  }
}

/** Soft delete: the product leaves the storefront and search, and its history stays intact. */
export async function deleteProduct(actor: AuthUser, productId: string, deps: CatalogDeps): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.products.get(productId);
    if (!current) throw new NotFoundError('Product');
    assertOwner(actor, current);
    if (current.listing === 'deleted') return;
    const next = {
      ...current,
      listing: 'deleted' as const,
      version: current.version + 1,
      updatedAt: deps.now().toISOString(),
    };
    try {
      await deps.products.save(next, current.version);
      return;
    } catch (error) {
      if (!(error instanceof ProductVersionConflictError) || attempt >= 3) throw error;
    }
  }
}

export async function getPublicProduct(productId: string, deps: CatalogDeps): Promise<ProductView> {
  const product = await deps.products.get(productId);
  if (!product || !isPublic(product)) throw new NotFoundError('Product');
  return productView(product);
}

export async function getSellerProduct(
  actor: AuthUser,
  productId: string,
  deps: CatalogDeps,
): Promise<ProductView> {
  return productView(await ownedProduct(actor, productId, deps, { includeDeleted: true }));
}

export async function listSellerProducts(
  sellerId: string,
  options: { limit: number; cursor?: string; status?: string },
  deps: CatalogDeps,
): Promise<{ items: ProductView[]; next_cursor: string | null }> {
  const page = await deps.products.listBySeller(sellerId, options);
  return { items: page.items.map(productView), next_cursor: page.nextCursor };
}

async function ownedProduct(
  actor: AuthUser,
  productId: string,
  deps: CatalogDeps,
  options: { includeDeleted?: boolean } = {},
): Promise<ProductRecord> {
  const product = await deps.products.get(productId);
  if (!product || (product.listing === 'deleted' && !options.includeDeleted))
    throw new NotFoundError('Product');
  assertOwner(actor, product);
  return product;
}

function assertOwner(actor: AuthUser, product: ProductRecord): void {
  if (product.sellerId !== actor.userId && !actor.roles.includes('admin')) {
    throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
  }
}

/**
 * Image ids name uploads in the images bucket; https URLs are kept as given, with an id derived
 * from the URL. An id the product already holds keeps its URL (images uploaded through the media
 * service live under the product's own key, `products/<product_id>/<image_id>`).
 */
export function resolveImages(
  refs: string[],
  imagesBaseUrl: string,
  current: ProductImage[] = [],
): ProductImage[] {
  const held = new Map(current.map((image) => [image.image_id, image]));
  return refs.map(
    (ref) =>
      held.get(ref) ??
      (ref.startsWith('img_')
        ? { image_id: ref, url: `${imagesBaseUrl}/images/${ref}` }
        : { image_id: `img_${createHash('sha256').update(ref).digest('hex').slice(0, 24)}`, url: ref }),
  );
}

export function productView(product: ProductRecord): ProductView {
  const onSale = isOnSale(product.priceCents, product.compareAtPriceCents);
  return {
    product_id: product.productId,
    seller_id: product.sellerId,
    title: product.title,
    description: product.description,
    category: product.category,
    ...moneyFields('price', product.priceCents),
    ...moneyFields('compare_at_price', product.compareAtPriceCents),
    on_sale: onSale,
    currency: product.currency,
    images: product.images,
    avg_rating: product.avgRating,
    review_count: product.reviewCount,
    stock_status: product.stockStatus,
    status: statusOf(product),
    created_at: product.createdAt,
    updated_at: product.updatedAt,
  };
}
