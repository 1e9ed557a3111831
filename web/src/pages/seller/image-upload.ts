import { api, unwrap } from '../../api/client';
import type { SellerProduct } from './seller-types';

/** The types and size the media service accepts (functions/media/schemas.ts). */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp';

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image store refused the upload (S3's XML error), e.g. an expired or tampered form. */
export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';
}

/**
 * Uploads one image of a product: the API hands out a presigned POST held to the file's type and
 * exact size, and the browser sends the form's fields, then the file, straight to the bucket
 * (S3 on AWS, the local S3 gateway here; both answer cross-origin POSTs). Resolves to the image's
 * id; the image joins the product a moment later, when the bucket reports the object created.
 */
export async function uploadProductImage(productId: string, file: File): Promise<string> {
  const ticket = await unwrap(
    api.POST('/api/v1/seller/products/{product_id}/images', {
      params: { path: { product_id: productId } },
      // Any other type goes as it is, for the API to refuse by name.
      body: { content_type: file.type as ImageType, size: file.size },
    }),
  );
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', file);
  const answer = await fetch(ticket.upload_url, { method: 'POST', body: form });
  if (!answer.ok) throw new UploadRefusedError(await refusalOf(answer));
  return ticket.image_id;
}

async function refusalOf(answer: Response): Promise<string> {
  const xml = await answer.text().catch(() => '');
  const message = new DOMParser()
    .parseFromString(xml, 'application/xml')
    .querySelector('Message')?.textContent;
  return `The image store refused the upload${message ? `: ${message}` : ` (${answer.status})`}.`;
}

const ATTACH_TIMEOUT_MS = 20_000;
const ATTACH_POLL_MS = 500;

/**
 * The product once the uploaded image is on it. The media service checks the file's first
 * bytes before attaching it and deletes a file that is not the image it claimed to be, so an
 * image that never appears is reported as refused.
 */
export async function productWithImage(productId: string, imageId: string): Promise<SellerProduct> {
  const deadline = Date.now() + ATTACH_TIMEOUT_MS;
  for (;;) {
    const product = await unwrap(
      api.GET('/api/v1/seller/products/{product_id}', { params: { path: { product_id: productId } } }),
    );
    if (product.images.some((image) => image.image_id === imageId)) return product;
    if (Date.now() > deadline) {
      throw new UploadRefusedError(
        'The image was uploaded but was not added to the product: it may not be a real JPEG, PNG or WebP file.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, ATTACH_POLL_MS));
  }
}
