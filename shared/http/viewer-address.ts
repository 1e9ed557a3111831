import { timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The header the CDN adds to every origin request, carrying the distribution's secret. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/**
 * The address of the client that made the request. Behind the CDN the gateway sees the edge's
 * address, so the viewer's comes from `CloudFront-Viewer-Address` (`ip:port`) — but any client
 * can send that header, so it is believed only when the request also carries the
 * distribution's secret origin header. Without a configured secret it is never believed.
 */
export function viewerAddress(
  headers: Record<string, string | undefined>,
  sourceIp: string,
  originSecret: string | undefined,
): string {
  const forwarded = headers[VIEWER_ADDRESS_HEADER];
  if (forwarded && originSecret && sameSecret(headers[ORIGIN_VERIFY_HEADER], originSecret)) {
    const address = hostOf(forwarded);
    if (address) return normalized(address);
  }
  return normalized(sourceIp);
}

/** Whether the request carries the distribution's secret origin header (compared in constant time). */
export function cameThroughDistribution(
  headers: Record<string, string | undefined>,
  originSecret: string,
): boolean {
  return sameSecret(headers[ORIGIN_VERIFY_HEADER], originSecret);
}

/** Whether the request claims a viewer address, so the secret only has to be read when it does. */
export function claimsViewerAddress(headers: Record<string, string | undefined>): boolean {
  return headers[VIEWER_ADDRESS_HEADER] !== undefined;
}

/**
 * The key a rate limit counts an address under. An IPv6 client is usually given a whole /64
 * and can pick any address in it, so IPv6 addresses count per /64.
 */
export function addressKey(address: string): string {
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function sameSecret(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `203.0.113.7:4711` or `2001:db8::1:4711` (CloudFront writes IPv6 without brackets). */
function hostOf(value: string): string | undefined {
  const trimmed = value.trim();
  const colon = trimmed.lastIndexOf(':');
  if (colon <= 0 || !/^\d{1,5}$/.test(trimmed.slice(colon + 1))) return undefined;
  const host = trimmed.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return isIPv4(host) || isIPv6(host) ? host : undefined;
}

/** API Gateway reports IPv4 clients as plain IPv4; a dual-stack socket as `::ffff:a.b.c.d`. */
function normalized(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((group) =>
    group.padStart(4, '0'),
  );
}
