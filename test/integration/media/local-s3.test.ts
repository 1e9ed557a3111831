import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { type LocalS3, type S3EventBridgeEvent, startLocalS3 } from '../../../local/s3-gateway';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const BUCKET = 'test-images';

function clientFor(s3: LocalS3): S3Client {
  return new S3Client({
    endpoint: s3.url,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function postForm(
  url: string,
  fields: Record<string, string>,
  file: Uint8Array | undefined,
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([file]), 'upload.bin');
  return fetch(url, { method: 'POST', body: form, headers });
}

describe('local S3: s3rver behind a front that holds POST uploads to their policy', () => {
  let s3: LocalS3;
  let client: S3Client;
  const events: S3EventBridgeEvent[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3({
      buckets: [BUCKET],
      credentials,
      maxPostBytes: 64 * 1024,
      log: () => undefined,
    });
    s3.onEvent((event) => events.push(event));
    client = clientFor(s3);
  });

  afterAll(async () => {
    await s3?.stop();
  });

  const presign = (
    key: string,
    size: number,
    extra: { fields?: Record<string, string>; expires?: number } = {},
  ) =>
    createPresignedPost(client, {
      Bucket: BUCKET,
      Key: key,
      Conditions: [['content-length-range', size, size]],
      Fields: { 'Content-Type': 'image/png', ...extra.fields },
      Expires: extra.expires ?? 60,
    });

  const eventFor = (key: string, detailType: string) =>
    events.find((event) => event.detail.object.key === key && event['detail-type'] === detailType);

  it('loads an object straight into the store: served with its type, and no event (the demo seed)', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await s3.loadObject(BUCKET, 'demo/cameras/card.png', bytes, 'image/png');

    const served = await fetch(`${s3.bucketUrl(BUCKET)}/demo/cameras/card.png`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.filter((event) => event.detail.object.key === 'demo/cameras/card.png')).toEqual([]);
  });

  it('stores a presigned POST upload, serves it back, and reports it as EventBridge’s Object Created', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    const { url, fields } = await presign('products/p1/i1', bytes.length, {
      fields: { 'x-amz-meta-uploader': 'usr_1' },
    });
    expect(url).toBe(`${s3.url}/${BUCKET}`);
    const response = await postForm(url, fields, bytes);
    expect(response.status).toBe(204);
    expect(response.headers.get('location')).toBe(`${s3.url}/${BUCKET}/products/p1/i1`);

    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'products/p1/i1' }));
    expect(object.ContentType).toBe('image/png');
    expect(object.Metadata).toEqual({ uploader: 'usr_1' });
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(Buffer.from(bytes))).toBe(true);
    const served = await fetch(`${s3.bucketUrl(BUCKET)}/products/p1/i1`);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    expect(eventFor('products/p1/i1', 'Object Created')).toMatchObject({
      version: '0',
      source: 'aws.s3',
      'detail-type': 'Object Created',
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: { key: 'products/p1/i1', size: 300, etag: expect.any(String) },
        reason: 'PostObject',
      },
    });
  });

  it('refuses an upload over the policy’s size with EntityTooLarge, and stores nothing', async () => {
    const { url, fields } = await presign('products/p1/big', 1000);
    const response = await postForm(url, fields, new Uint8Array(2000));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const body = await response.text();
    expect(body).toContain('<Code>EntityTooLarge</Code>');
    expect(body).toContain('<ProposedSize>2000</ProposedSize>');
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'products/p1/big' })),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
    expect(eventFor('products/p1/big', 'Object Created')).toBeUndefined();
  });

  it('refuses a body larger than it will read at all with EntityTooLarge', async () => {
    const { url, fields } = await presign('products/p1/huge', 100 * 1024);
    const response = await postForm(url, fields, new Uint8Array(100 * 1024));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>EntityTooLarge</Code>');
  });

  it('refuses an expired policy with AccessDenied', async () => {
    const { url, fields } = await presign('products/p1/late', 10, { expires: -1 });
    const response = await postForm(url, fields, new Uint8Array(10));
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('Policy expired.');
  });

  it('answers 201 with S3’s PostResponse when success_action_status asks for it', async () => {
    const { url, fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'products/p1/status',
      Fields: { success_action_status: '201' },
      Expires: 60,
    });
    const response = await postForm(url, fields, new Uint8Array([1, 2, 3]));
    expect(response.status).toBe(201);
    const body = await response.text();
    expect(body).toContain('<Key>products/p1/status</Key>');
    expect(body).toContain(`<Bucket>${BUCKET}</Bucket>`);
  });

  it('refuses a form without a file, a request that is not a form, and an unknown bucket', async () => {
    const { url, fields } = await presign('products/p1/nofile', 10);
    const noFile = await postForm(url, fields, undefined);
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('<ArgumentName>file</ArgumentName>');

    const notAForm = await fetch(url, {
      method: 'POST',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notAForm.status).toBe(412);

    const unknown = await postForm(`${s3.url}/no-such-bucket`, fields, new Uint8Array(10));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<Code>NoSuchBucket</Code>');
  });

  it('refuses anonymous writes but serves anonymous reads', async () => {
    const put = await fetch(`${s3.bucketUrl(BUCKET)}/products/p1/anonymous`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('<Code>AccessDenied</Code>');
    const missing = await fetch(`${s3.bucketUrl(BUCKET)}/products/p1/anonymous`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');
  });

  it('passes SDK calls through to s3rver, reporting PutObject and DeleteObject', async () => {
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'products/p2/sdk',
        Body: Buffer.from([9, 8, 7]),
        ContentType: 'image/webp',
      }),
    );
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'products/p2/sdk' }));
    expect(head).toMatchObject({ ContentType: 'image/webp', ContentLength: 3 });
    expect(eventFor('products/p2/sdk', 'Object Created')?.detail.reason).toBe('PutObject');

    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'products/p2/sdk' }));
    expect((await fetch(`${s3.bucketUrl(BUCKET)}/products/p2/sdk`)).status).toBe(404);
    expect(eventFor('products/p2/sdk', 'Object Deleted')?.detail).toMatchObject({
      reason: 'DeleteObject',
      'deletion-type': 'Permanently Deleted',
    });
  });

  it('answers CORS on uploads made from a web page', async () => {
    const { url, fields } = await presign('products/p1/cors', 4);
    const response = await postForm(url, fields, new Uint8Array(4), { origin: 'http://localhost:3000' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('local S3 with a data directory', () => {
  it('keeps objects, and the front’s port, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bazaar-s3-test-'));
    try {
      const options = {
        buckets: [BUCKET],
        credentials,
        directory: join(dir, 's3'),
        portFile: join(dir, 's3-port'),
        log: () => undefined,
      };
      const first = await startLocalS3(options);
      await clientFor(first).send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'kept', Body: 'still here', ContentType: 'text/plain' }),
      );
      await first.stop();

      const second = await startLocalS3(options);
      try {
        expect(second.url).toBe(first.url);
        const response = await fetch(`${second.bucketUrl(BUCKET)}/kept`);
        expect(await response.text()).toBe('still here');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
