import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticationError, invalidParam } from './errors';
import { type FormObject, parseForm } from './form';

const MAX_BODY_BYTES = 1024 * 1024;

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/** Stripe's secret test keys, sent as Bearer (or as the Basic-auth user name, as curl -u does). */
export function authenticate(request: IncomingMessage): string {
  const header = headerValue(request, 'authorization');
  let key: string | undefined;
  if (header) {
    const [scheme, credentials = ''] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer') key = credentials;
    else if (scheme?.toLowerCase() === 'basic') {
      key = Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
    }
  }
  if (!key) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (!/^sk_test_\w+$/.test(key)) {
    const masked = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
    throw authenticationError(
      `Invalid API Key provided: ${masked}. This Stripe test server accepts secret test keys (sk_test_…) only.`,
    );
  }
  return key;
}

export function parseBody(request: IncomingMessage, body: string): FormObject {
  const contentType = (headerValue(request, 'content-type') ?? '').toLowerCase();
  if (body.trim() !== '' && contentType.startsWith('application/json')) {
    throw invalidParam(
      'Invalid request: the v1 API takes application/x-www-form-urlencoded bodies, not JSON.',
      undefined,
    );
  }
  return parseForm(body);
}

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function writeText(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
) {
  // The client may have gone (timed out during a hang): there is nobody to answer then.
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
) {
  writeText(response, status, JSON.stringify(body, null, 2), headers);
}

/** A form-encoded request as plain text, for a fault's `contains`. */
export function formText(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return encoded;
  }
}
