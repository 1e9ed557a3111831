import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';
import S3Object from 's3rver/lib/models/object';
import {
  type S3EventBridgeEvent,
  type S3NotificationRecord,
  toEventBridgeEvent,
} from './s3/eventbridge-events';
import { checkPostPolicy } from './s3/post-policy';
import {
  answerStoredUpload,
  parseUploadForm,
  requestId,
  storedForm,
  type UploadForm,
} from './s3/post-upload';
import { S3Error, s3Errors } from './s3/s3-error';
import { localUsage } from './usage';

export type { S3EventBridgeEvent } from './s3/eventbridge-events';

export interface LocalS3Options {
  buckets: string[];
  /** The credentials the SDK clients and presigned POSTs are signed with. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Where objects are kept; a temporary directory, removed on stop, when undefined. */
  directory?: string;
  /**
   * Remembers the front's port here and asks for it again on the next start, so that image
   * URLs stored with a data dir keep working after a restart (a free port when it is taken).
   */
  portFile?: string;
  region?: string;
  account?: string;
  /** The largest POST body read; larger uploads are refused with EntityTooLarge. */
  maxPostBytes?: number;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface LocalS3 {
  /** The front's endpoint, for `AWS_ENDPOINT_URL_S3`: `http://127.0.0.1:<port>`. */
  url: string;
  /** A bucket's public, path-style URL: `${url}/${bucket}`. */
  bucketUrl(bucket: string): string;
  /** Receives the EventBridge event S3 would send to the default bus for each object created or deleted. */
  onEvent(listener: (event: S3EventBridgeEvent) => void): void;
  /**
   * Puts an object straight into the store, as a restored bucket would hold it: no request and
   * no "Object Created" event (the demo seed's pictures, which no handler needs to hear of).
   */
  loadObject(bucket: string, key: string, body: Buffer, contentType: string): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_MAX_POST_BYTES = 20 * 1024 * 1024;
/** Past this, an oversized body is no longer drained for a tidy answer: the connection is cut. */
const MAX_DRAIN_BYTES = 200 * 1024 * 1024;

/**
 * The local S3: s3rver stores the objects, and a small front in front of it does what s3rver
 * does not and S3 does — it holds browser-based POST uploads to their signed policy (signature,
 * expiration, every condition; see ./s3/post-policy.ts), refuses anonymous writes, and turns
 * object notifications into the "Object Created" / "Object Deleted" events S3 sends to
 * EventBridge. Everything else (GETs of objects, SDK calls) passes through to s3rver.
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const region = options.region ?? 'us-east-1';
  const account = options.account ?? '000000000000';
  const maxPostBytes = options.maxPostBytes ?? DEFAULT_MAX_POST_BYTES;
  const log = options.log ?? ((message, fields) => console.error(`[s3] ${message}`, JSON.stringify(fields)));
  const temporary = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'bazaar-s3-'));
  mkdirSync(directory, { recursive: true });

  // s3rver does not check SigV4 signatures, but it does want to know the access key id.
  DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const store = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [CORS_CONFIGURATION] })),
  });
  const storeAddress = await store.run();
  const storeUrl = `http://127.0.0.1:${storeAddress.port}`;

  const listeners: Array<(event: S3EventBridgeEvent) => void> = [];
  store.on('event', (notification: { Records?: S3NotificationRecord[] }) => {
    for (const record of notification.Records ?? []) {
      const event = toEventBridgeEvent(record, { account, region });
      if (!event) continue;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          log('Event listener failed', { error: (error as Error).message });
        }
      }
    }
  });

  const front: Server = createServer((request, response) => {
    void handle(request, response).catch((error) => {
      log('Request failed', { method: request.method, url: request.url, error: (error as Error).message });
      if (!response.headersSent) {
        sendError(
          response,
          new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500),
        );
      } else {
        response.destroy();
      }
    });
  });
  const port = await listen(front, rememberedPort(options.portFile));
  if (options.portFile) {
    mkdirSync(dirname(options.portFile), { recursive: true });
    writeFileSync(options.portFile, String(port));
  }
  const url = `http://127.0.0.1:${port}`;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? '/', url);
    const method = (request.method ?? 'GET').toUpperCase();
    localUsage.s3Request(method);
    const bucketPost = /^\/([^/]+)\/?$/.exec(requestUrl.pathname);
    if (method === 'POST' && bucketPost && requestUrl.search === '') {
      await handlePostUpload(decodeURIComponent(bucketPost[1]!), request, response);
      return;
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && !isSigned(request, requestUrl)) {
      // The bucket is private: anonymous writes are refused, as S3 would.
      await drain(request, MAX_DRAIN_BYTES);
      sendError(response, s3Errors.accessDenied());
      return;
    }
    proxy(request, response);
  }

  async function handlePostUpload(bucket: string, request: IncomingMessage, response: ServerResponse) {
    const cors = corsOf(request);
    const body = await readCapped(request, maxPostBytes);
    if (body === undefined)
      return sendError(response, s3Errors.entityTooLarge(undefined, maxPostBytes), cors);
    if (!(await bucketExists(bucket))) return sendError(response, s3Errors.noSuchBucket(bucket), cors);

    let file: UploadForm['file'];
    let accepted: ReturnType<typeof checkPostPolicy>;
    try {
      const form = await parseUploadForm(body, String(request.headers['content-type'] ?? ''));
      file = form.file;
      accepted = checkPostPolicy(
        { bucket, fields: form.fields, file: { size: file.content.size, filename: file.filename } },
        {
          secretFor: (accessKeyId) =>
            accessKeyId === options.credentials.accessKeyId ? options.credentials.secretAccessKey : undefined,
          now: new Date(),
        },
      );
    } catch (error) {
      if (error instanceof S3Error) return sendError(response, error, cors);
      throw error;
    }

    // Stored through s3rver's own POST, so its notification says PostObject, as S3's does.
    const upload = storedForm(accepted, file);
    const stored = await fetch(`${storeUrl}/${encodeURIComponent(bucket)}`, { method: 'POST', body: upload });
    const storedBody = await stored.text();
    if (!stored.ok) {
      response.writeHead(stored.status, { 'content-type': 'application/xml', ...cors });
      response.end(storedBody);
      return;
    }

    const etag = stored.headers.get('etag') ?? '';
    const location = `${url}/${encodeURIComponent(bucket)}/${accepted.key.split('/').map(encodeURIComponent).join('/')}`;
    answerStoredUpload(response, {
      bucket,
      key: accepted.key,
      etag,
      location,
      fields: accepted.fields,
      cors,
    });
  }

  async function bucketExists(bucket: string): Promise<boolean> {
    const answer = await fetch(`${storeUrl}/${encodeURIComponent(bucket)}`, { method: 'HEAD' });
    return answer.ok;
  }

  function proxy(request: IncomingMessage, response: ServerResponse): void {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: storeAddress.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      log('Proxy to s3rver failed', { error: error.message });
      if (!response.headersSent) {
        sendError(response, new S3Error('ServiceUnavailable', 'Please reduce your request rate.', 503));
      } else {
        response.destroy();
      }
    });
    request.pipe(upstream);
  }

  return {
    url,
    bucketUrl: (bucket) => `${url}/${bucket}`,
    onEvent: (listener) => {
      listeners.push(listener);
    },
    loadObject: async (bucket, key, body, contentType) => {
      await store.store.putObject(new S3Object(bucket, key, body, { 'content-type': contentType }));
    },
    stop: async () => {
      front.closeAllConnections();
      await new Promise<void>((done) => front.close(() => done()));
      await store.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Browsers upload from the storefront's origin and read images from anywhere. */
const CORS_CONFIGURATION = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

function corsOf(request: IncomingMessage): Record<string, string> {
  return request.headers.origin ? { 'access-control-allow-origin': '*', vary: 'Origin' } : {};
}

function isSigned(request: IncomingMessage, url: URL): boolean {
  return (
    request.headers.authorization !== undefined ||
    url.searchParams.has('X-Amz-Signature') ||
    url.searchParams.has('Signature')
  );
}

function sendError(response: ServerResponse, error: S3Error, headers: OutgoingHttpHeaders = {}): void {
  const id = requestId();
  response.writeHead(error.status, { 'content-type': 'application/xml', 'x-amz-request-id': id, ...headers });
  response.end(error.toXml(id));
}

/** The body, or undefined once it passes `limit` (the rest is drained so the client reads the answer). */
async function readCapped(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > MAX_DRAIN_BYTES) {
      request.destroy();
      return undefined;
    }
    if (total <= limit) chunks.push(chunk as Buffer);
  }
  return total > limit ? undefined : Buffer.concat(chunks);
}

async function drain(request: IncomingMessage, limit: number): Promise<void> {
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      request.destroy();
      return;
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (port !== 0 && error.code === 'EADDRINUSE') {
        resolve(listen(server, 0));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function rememberedPort(file: string | undefined): number {
  if (!file || !existsSync(file)) return 0;
  const port = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
}
