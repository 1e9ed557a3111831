import { defineRoute } from '../../shared/http/route';
import type { CachePolicy, ResourceUse } from '../../shared/manifests/types';
import { cursorList } from '../../shared/schemas/common';
import {
  CategoriesResponse,
  CreateProductBody,
  Product,
  ProductPageView,
  ProductParams,
  SellerProductsQuery,
  UpdateProductBody,
} from './schemas';

const tag = 'Catalog';
const _readProducts: ResourceUse = { tables: { products: 'read' } };
const writeProducts: ResourceUse = { tables: { products: 'readWrite', users: 'read' } };
/**
 * Browsers keep no copy (no purge reaches them); the CDN keeps it for five minutes, which the
 * purge on ProductChanged, StockChanged, RatingChanged and a flag change cuts short (functions/cdn).
 */
const productPageCache: CachePolicy = {
  maxAgeSeconds: 0,
  sharedMaxAgeSeconds: 300,
  staleWhileRevalidateSeconds: 30,
};

export const createProductRoute = defineRoute({
  id: 'CreateProduct',
  method: 'POST',
  path: '/api/v1/seller/products',
  auth: 'seller',
  handler: 'functions/catalog/handlers/create-product.handler',
  summary: 'List a new product with its initial stock',
  tag,
  body: CreateProductBody,
  response: Product,
  successStatus: 201,
  // The one sanctioned cross-table write: the stock record goes in with the product.
  uses: { tables: { products: 'readWrite', inventory: 'readWrite', users: 'read' } },
});

export const updateProductRoute = defineRoute({
  id: 'UpdateProduct',
  method: 'PUT',
  path: '/api/v1/seller/products/{product_id}',
  auth: 'seller',
  handler: 'functions/catalog/handlers/update-product.handler',
  summary: 'Change a product (any subset of its fields)',
  tag,
  params: ProductParams,
  body: UpdateProductBody,
  response: Product,
  successStatus: 200,
  uses: writeProducts,
});

export const deleteProductRoute = defineRoute({
  id: 'DeleteProduct',
  method: 'DELETE',
  path: '/api/v1/seller/products/{product_id}',
  auth: 'seller',
  handler: 'functions/catalog/handlers/delete-product.handler',
  summary: 'Take a product off sale (soft delete)',
  tag,
  params: ProductParams,
  successStatus: 204,
  uses: writeProducts,
});

export const getSellerProductRoute = defineRoute({
  id: 'GetSellerProduct',
  method: 'GET',
  path: '/api/v1/seller/products/{product_id}',
  auth: 'seller',
  handler: 'functions/catalog/handlers/get-seller-product.handler',
  summary: 'One of your products, drafts and deleted included',
  tag,
  params: ProductParams,
  response: Product,
  successStatus: 200,
  uses: { tables: { products: 'read', users: 'read' } },
});

export const listSellerProductsRoute = defineRoute({
  id: 'ListSellerProducts',
  method: 'GET',
  path: '/api/v1/seller/products',
  auth: 'seller',
  handler: 'functions/catalog/handlers/list-seller-products.handler',
  summary: 'Your products, newest first',
  tag,
  query: SellerProductsQuery,
  response: cursorList(Product),
  successStatus: 200,
  uses: { tables: { products: 'read', users: 'read' } },
});

export const getProductRoute = defineRoute({
  id: 'GetProduct',
  method: 'GET',
  path: '/api/v1/products/{product_id}',
  auth: 'public',
  handler: 'functions/catalog/handlers/get-product.handler',
  summary: 'A product page',
  tag,
  params: ProductParams,
  response: ProductPageView,
  successStatus: 200,
  cache: productPageCache,
  uses: { tables: { products: 'read' } },
});

export const listCategoriesRoute = defineRoute({
  id: 'ListCategories',
  method: 'GET',
  path: '/api/v1/categories',
  auth: 'public',
  handler: 'functions/catalog/handlers/list-categories.handler',
  summary: 'The category tree',
  tag,
  response: CategoriesResponse,
  successStatus: 200,
  cache: { maxAgeSeconds: 3600, sharedMaxAgeSeconds: 86400, staleWhileRevalidateSeconds: 60 },
});

export const catalogRoutes = [
  createProductRoute,
  updateProductRoute,
  deleteProductRoute,
  getSellerProductRoute,
  listSellerProductsRoute,
  getProductRoute,
  listCategoriesRoute,
];
