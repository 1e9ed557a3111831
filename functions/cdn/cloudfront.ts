import { createHash, createHmac, randomUUID } from 'node:crypto';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';

/** Sends one invalidation of the distribution; its id as CloudFront answers it. */
export type Invalidate = (distributionId: string, paths: readonly string[]) => Promise<string>;

/** CloudFront refused because too many invalidations are in progress: retry on a later flush. */
export class TooManyInvalidationsError extends Error {
  override readonly name = 'TooManyInvalidationsError';
}

/**
 * CloudFront's CreateInvalidation (REST/XML, signed with SigV4), at AWS_ENDPOINT_URL_CLOUDFRONT
 * when set (the local CDN) or CloudFront's global endpoint.
 *
 * Stand-in for `@aws-sdk/client-cloudfront`'s CreateInvalidationCommand, which is not installed
 * yet: once it is, this module becomes `new CloudFrontClient({}).send(new CreateInvalidationCommand(…))`
 * with the same signature, and the local endpoint already speaks its wire format.
 */
export function cloudFrontInvalidate(): Invalidate {
  const endpoint = (process.env.AWS_ENDPOINT_URL_CLOUDFRONT ?? 'https://cloudfront.amazonaws.com').replace(
    /\/$/,
    '',
  );
  const signer = new SignatureV4({
    credentials: fromNodeProviderChain(),
    region: 'us-east-1',
    service: 'cloudfront',
    sha256: NodeSha256,
  });
  return async (distributionId, paths) => {
    const url = new URL(
      `${endpoint}/2020-05-31/distribution/${encodeURIComponent(distributionId)}/invalidation`,
    );
    const body = invalidationBatchXml(paths, randomUUID());
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/xml' },
      body,
    });
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    if (response.status === 400 && text.includes('TooManyInvalidationsInProgress')) {
      throw new TooManyInvalidationsError('CloudFront has too many invalidations in progress');
    }
    if (response.status !== 201) {
      throw new Error(`CreateInvalidation answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return /<Id>([^<]+)<\/Id>/.exec(text)?.[1] ?? 'unknown';
  };
}

export function invalidationBatchXml(paths: readonly string[], callerReference: string): string {
  const items = paths.map((path) => `<Path>${escapeXml(path)}</Path>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">' +
    `<Paths><Quantity>${paths.length}</Quantity><Items>${items}</Items></Paths>` +
    `<CallerReference>${escapeXml(callerReference)}</CallerReference></InvalidationBatch>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The SHA-256 (and HMAC) the signer needs, from node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}
