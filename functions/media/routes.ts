import { defineRoute } from '../../shared/http/route';
import type { ResourceUse, RouteDefinition } from '../../shared/manifests/types';
import {
  ProductImageParams,
  ProductImagesParams,
  ProductImagesResponse,
  ReorderImagesBody,
  RequestUploadBody,
  UploadTicket,
} from './schemas';

const tag = 'Media';
// The product's images are changed through the catalog's exported functions (image-attachment.ts).
const productImages: ResourceUse = { tables: { products: 'readWrite', users: 'read' }, bucket: 'images' };

export const requestImageUploadRoute = defineRoute({
  id: 'RequestImageUpload',
  method: 'POST',
  path: '/api/v1/seller/products/{product_id}/images',
  auth: 'seller',
  handler: 'functions/media/handlers/request-upload.handler',
  summary:
    'Upload an image (JPEG, PNG or WebP, up to 5 MB): answers a presigned POST held to the declared type and size; the image joins the product once uploaded',
  tag,
  params: ProductImagesParams,
  body: RequestUploadBody,
  response: UploadTicket,
  successStatus: 201,
  uses: productImages,
});

export const deleteImageRoute = defineRoute({
  id: 'DeleteProductImage',
  method: 'DELETE',
  path: '/api/v1/seller/products/{product_id}/images/{image_id}',
  auth: 'seller',
  handler: 'functions/media/handlers/delete-image.handler',
  summary: 'Remove an image from your product and delete it',
  tag,
  params: ProductImageParams,
  successStatus: 204,
  uses: productImages,
});

export const reorderImagesRoute = defineRoute({
  id: 'ReorderProductImages',
  method: 'PUT',
  path: '/api/v1/seller/products/{product_id}/images/order',
  auth: 'seller',
  handler: 'functions/media/handlers/reorder-images.handler',
  summary: 'Set the order of your product’s images (a permutation of the current ones)',
  tag,
  params: ProductImagesParams,
  body: ReorderImagesBody,
  response: ProductImagesResponse,
  successStatus: 200,
  uses: { tables: { products: 'readWrite', users: 'read' } },
});

/** The media service's routes (product images). */
export const mediaRoutes: RouteDefinition[] = [requestImageUploadRoute, deleteImageRoute, reorderImagesRoute];
