import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors';
import type { WebhookSignature } from '../manifests/types';
import { secretValue } from '../secrets';

const TOLERANCE_SECONDS = 300;

/**
 * Checks a webhook's signature before anything reads its body, against the secret the route
 * names: `<header>: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, Stripe's scheme, which
 * the carrier's copies. A wrong or stale signature is a 400 naming the header.
 */
export async function requireValidSignature(
  signature: WebhookSignature,
  request: { rawBody: string | undefined; headers: Record<string, string | undefined> },
): Promise<void> {
  const header = request.headers[signature.header.toLowerCase()];
  const secret = await secretValue(signature.secret);
  if (!signatureVerifies(request.rawBody ?? '', header, secret, Math.floor(Date.now() / 1000))) {
    throw new ValidationError(
      `${signature.header}: does not verify`,
      [{ field: signature.header, message: 'does not verify' }],
      'INVALID_SIGNATURE',
    );
  }
}

/**
 * True when one of the header's `v1` signatures (Stripe sends several while a secret rolls
 * over) is the body's, signed within five minutes either side of now.
 */
function signatureVerifies(
  body: string,
  header: string | undefined,
  secret: string,
  nowSeconds: number,
): boolean {
  const parts = (header ?? '').split(',').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
  });
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
  return parts
    .filter(([name]) => name === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
