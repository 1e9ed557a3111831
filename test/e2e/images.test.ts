import { api, createProduct, eventually, signUpSeller } from '../support/api';
import { settledEvents } from '../support/bus';
import { pngImage } from '../support/png';

interface UploadTicket {
  image_id: string;
  upload_url: string;
  fields: Record<string, string>;
  expires_at: string;
}

type Seller = Awaited<ReturnType<typeof signUpSeller>>;

const MB = 1024 * 1024;

describe('product images: presigned uploads through the local S3', () => {
  let seller: Seller;
  let rival: Seller;

  beforeAll(async () => {
    [seller, rival] = await Promise.all([signUpSeller('imager'), signUpSeller('image-rival')]);
  });

  const requestUpload = (productId: string, body: unknown, token = seller.token) =>
    api('POST', `/api/v1/seller/products/${productId}/images`, { token, body });

  async function ticketFor(
    productId: string,
    bytes: Uint8Array,
    contentType = 'image/png',
  ): Promise<UploadTicket> {
    const response = await requestUpload(productId, { content_type: contentType, size: bytes.length });
    expect(response.status).toBe(201);
    return response.body;
  }

  /** As a browser does it: the ticket's fields, then the file, as multipart/form-data. */
  async function upload(
    ticket: UploadTicket,
    bytes: Uint8Array,
    changes: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...ticket.fields, ...changes })) form.append(name, value);
    form.append(
      'file',
      new Blob([bytes], { type: changes['Content-Type'] ?? ticket.fields['Content-Type'] }),
      'photo.png',
    );
    const response = await fetch(ticket.upload_url, { method: 'POST', body: form });
    return { status: response.status, text: await response.text() };
  }

  const productImages = async (productId: string) =>
    (await api('GET', `/api/v1/seller/products/${productId}`, { token: seller.token })).body.images as Array<{
      image_id: string;
      url: string;
    }>;

  const objectUrl = (ticket: UploadTicket) => `${ticket.upload_url}/${ticket.fields.key}`;

  it('uploads a PNG with the presigned POST; the product shows it and its URL serves the exact bytes', async () => {
    const product = await createProduct(seller.token);
    const png = pngImage(32, 32, 1);

    const response = await requestUpload(product.product_id, { content_type: 'image/png', size: png.length });
    expect(response.status).toBe(201);
    const ticket = response.body;
    expect(ticket.image_id).toMatch(/^img_[0-9A-Z]{26}$/);
    expect(Date.parse(ticket.expires_at)).toBeGreaterThan(Date.now());
    expect(ticket.fields).toMatchObject({
      key: `products/${product.product_id}/${ticket.image_id}`,
      'Content-Type': 'image/png',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', png.length, png.length]);

    const uploaded = await upload(ticket, png);
    expect(uploaded.status).toBe(204);

    const image = await eventually(async () => {
      const images = await productImages(product.product_id);
      return images.find((candidate) => candidate.image_id === ticket.image_id);
    }, 5000);
    expect(image.url).toBe(objectUrl(ticket));
    const publicView = await api('GET', `/api/v1/products/${product.product_id}`);
    expect(publicView.body.images).toEqual([image]);

    const served = await fetch(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
  });

  it('has the local S3 refuse a file larger or smaller than declared, and attaches nothing', async () => {
    const product = await createProduct(seller.token);
    const ticket = await ticketFor(product.product_id, new Uint8Array(1000));

    const tooLarge = await upload(ticket, paddedPng(2000));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('<Code>EntityTooLarge</Code>');
    expect(tooLarge.text).toContain('<MaxSizeAllowed>1000</MaxSizeAllowed>');

    const tooSmall = await upload(ticket, paddedPng(999));
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.text).toContain('<Code>EntityTooSmall</Code>');

    expect((await fetch(objectUrl(ticket))).status).toBe(404);
    expect(await settledObjectEvents(product.product_id)).toEqual([]);
    expect(await productImages(product.product_id)).toEqual([]);
  });

  it('refuses a declared size over 5 MB at the API, naming the field', async () => {
    const product = await createProduct(seller.token);
    const response = await requestUpload(product.product_id, { content_type: 'image/png', size: 5 * MB + 1 });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toEqual([
      { field: 'size', message: expect.stringContaining('at most 5242880') },
    ]);
    expect(
      (await requestUpload(product.product_id, { content_type: 'image/png', size: 5 * MB })).status,
    ).toBe(201);
  });

  it('has the local S3 refuse another Content-Type, another key or a forged signature than the ones signed', async () => {
    const product = await createProduct(seller.token);
    const png = pngImage(8, 8, 2);
    const ticket = await ticketFor(product.product_id, png);

    const otherType = await upload(ticket, png, { 'Content-Type': 'image/jpeg' });
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain('<Code>AccessDenied</Code>');
    expect(otherType.text).toContain('Policy Condition failed');

    const otherKey = await upload(ticket, png, { key: `products/${product.product_id}/img_SNEAKY` });
    expect(otherKey.status).toBe(403);
    expect(otherKey.text).toContain('<Code>AccessDenied</Code>');

    const forged = await upload(ticket, png, { 'X-Amz-Signature': '0'.repeat(64) });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');

    expect((await fetch(objectUrl(ticket))).status).toBe(404);
    expect(await settledObjectEvents(product.product_id)).toEqual([]);
    expect(await productImages(product.product_id)).toEqual([]);
  });

  it('deletes an upload whose bytes are not the image type it was declared as, without attaching it', async () => {
    const product = await createProduct(seller.token);
    const notAnImage = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const ticket = await ticketFor(product.product_id, notAnImage);
    expect((await upload(ticket, notAnImage)).status).toBe(204);

    await eventually(async () => ((await fetch(objectUrl(ticket))).status === 404 ? true : undefined), 5000);
    expect(await productImages(product.product_id)).toEqual([]);
  });

  it('lets only the product’s owner upload, reorder or delete its images (403 for another seller)', async () => {
    const product = await createProduct(seller.token, { images: ['img_1'] });
    const ticket = await requestUpload(
      product.product_id,
      { content_type: 'image/png', size: 100 },
      rival.token,
    );
    expect(ticket.status).toBe(403);
    expect(ticket.body.error.code).toBe('NOT_YOUR_PRODUCT');
    const reorder = await api('PUT', `/api/v1/seller/products/${product.product_id}/images/order`, {
      token: rival.token,
      body: { image_ids: ['img_1'] },
    });
    expect(reorder.status).toBe(403);
    const removal = await api('DELETE', `/api/v1/seller/products/${product.product_id}/images/img_1`, {
      token: rival.token,
    });
    expect(removal.status).toBe(403);
    expect(await productImages(product.product_id)).toHaveLength(1);

    const missing = await requestUpload('prod_01JD0000000000000000000000', {
      content_type: 'image/png',
      size: 100,
    });
    expect(missing.status).toBe(404);
  });

  it('holds a product to 10 images: an 11th upload is refused with 409 IMAGE_LIMIT_REACHED', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `img_seed${i}`);
    const full = await createProduct(seller.token, { images: ten });
    const refused = await requestUpload(full.product_id, { content_type: 'image/png', size: 100 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'IMAGE_LIMIT_REACHED', details: { limit: 10 } });
  });

  it('attaches only up to 10 images when uploads were handed out for the last free place', async () => {
    const nine = Array.from({ length: 9 }, (_, i) => `img_seed${i}`);
    const product = await createProduct(seller.token, { images: nine });
    const first = pngImage(8, 8, 3);
    const second = pngImage(8, 8, 4);
    const [ticketA, ticketB] = [
      await ticketFor(product.product_id, first),
      await ticketFor(product.product_id, second),
    ];
    expect((await upload(ticketA, first)).status).toBe(204);
    expect((await upload(ticketB, second)).status).toBe(204);

    // Both uploads reached the attaching rule, and the one that found no room was deleted by it.
    const events = await settledObjectEvents(product.product_id, 2);
    expect(events.map((event) => event['detail-type']).sort()).toEqual([
      'Object Created',
      'Object Created',
      'Object Deleted',
    ]);
    const images = await productImages(product.product_id);
    expect(images).toHaveLength(10);
    const attached = images.filter((image) => [ticketA.image_id, ticketB.image_id].includes(image.image_id));
    expect(attached).toHaveLength(1);
    const loser = attached[0]!.image_id === ticketA.image_id ? ticketB : ticketA;
    expect((await fetch(objectUrl(loser))).status).toBe(404);
  });

  it('reorders images (a permutation only) and deletes one, object included', async () => {
    const product = await createProduct(seller.token, { images: ['img_front', 'img_back'] });
    const png = pngImage(16, 16, 5);
    const ticket = await ticketFor(product.product_id, png);
    expect((await upload(ticket, png)).status).toBe(204);
    await eventually(
      async () => ((await productImages(product.product_id)).length === 3 ? true : undefined),
      5000,
    );

    const order = [ticket.image_id, 'img_back', 'img_front'];
    const reordered = await api('PUT', `/api/v1/seller/products/${product.product_id}/images/order`, {
      token: seller.token,
      body: { image_ids: order },
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.images.map((image: { image_id: string }) => image.image_id)).toEqual(order);
    expect((await productImages(product.product_id)).map((image) => image.image_id)).toEqual(order);

    for (const notAPermutation of [
      ['img_back', 'img_front'],
      [ticket.image_id, 'img_back', 'img_back'],
      [ticket.image_id, 'img_back', 'img_other'],
    ]) {
      const refused = await api('PUT', `/api/v1/seller/products/${product.product_id}/images/order`, {
        token: seller.token,
        body: { image_ids: notAPermutation },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.fields[0].field).toBe('image_ids');
    }

    const removed = await api(
      'DELETE',
      `/api/v1/seller/products/${product.product_id}/images/${ticket.image_id}`,
      {
        token: seller.token,
      },
    );
    expect(removed.status).toBe(204);
    expect((await productImages(product.product_id)).map((image) => image.image_id)).toEqual([
      'img_back',
      'img_front',
    ]);
    expect((await fetch(objectUrl(ticket))).status).toBe(404);

    const again = await api(
      'DELETE',
      `/api/v1/seller/products/${product.product_id}/images/${ticket.image_id}`,
      {
        token: seller.token,
      },
    );
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('IMAGE_NOT_FOUND');
  });

  it('keeps an uploaded image’s URL when the seller re-lists the images through the product update', async () => {
    const product = await createProduct(seller.token, { images: ['img_front'] });
    const png = pngImage(8, 8, 6);
    const ticket = await ticketFor(product.product_id, png);
    expect((await upload(ticket, png)).status).toBe(204);
    const image = await eventually(async () =>
      (await productImages(product.product_id)).find((candidate) => candidate.image_id === ticket.image_id),
    );
    const updated = await api('PUT', `/api/v1/seller/products/${product.product_id}`, {
      token: seller.token,
      body: { images: [ticket.image_id, 'img_front'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.images[0]).toEqual(image);
  });

  it('answers 400 naming the field for bad input', async () => {
    const product = await createProduct(seller.token);
    const cases: Array<[unknown, string]> = [
      [{ content_type: 'image/gif', size: 100 }, 'content_type'],
      [{ size: 100 }, 'content_type'],
      [{ content_type: 'image/png', size: 0 }, 'size'],
      [{ content_type: 'image/png', size: 10.5 }, 'size'],
      [{ content_type: 'image/png', size: '100' }, 'size'],
      [{ content_type: 'image/png', size: 100, filename: 'x.png' }, 'filename'],
    ];
    for (const [body, field] of cases) {
      const response = await requestUpload(product.product_id, body);
      expect(response.status).toBe(400);
      expect(response.body.error.details.fields.map((issue: { field: string }) => issue.field)).toContain(
        field,
      );
    }
    const badOrder = await api('PUT', `/api/v1/seller/products/${product.product_id}/images/order`, {
      token: seller.token,
      body: { image_ids: ['not-an-id'] },
    });
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error.details.fields[0].field).toBe('image_ids.0');
    const badId = await api('DELETE', `/api/v1/seller/products/${product.product_id}/images/nope`, {
      token: seller.token,
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.fields[0].field).toBe('image_id');
  });
});

/**
 * The events the local S3 sent the bus for a product's objects, once every rule they reached
 * has handled them (`atLeast` of them must have been sent): nothing more can come of them.
 */
const settledObjectEvents = (productId: string, atLeast = 0) =>
  settledEvents(
    (event) =>
      (event.detail as { object?: { key?: string } }).object?.key?.startsWith(`products/${productId}/`) ??
      false,
    { source: 'aws.s3' },
    { atLeast },
  );

/** A PNG signature followed by filler, exactly `size` bytes long. */
function paddedPng(size: number): Uint8Array {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}
