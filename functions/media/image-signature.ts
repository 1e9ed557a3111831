import type { ImageContentType } from './schemas';

/**
 * The image type a file's first bytes say it is, whatever its Content-Type claims: JPEG
 * (FF D8 FF), PNG (89 'PNG' CR LF 1A LF), WebP ('RIFF' size 'WEBP'); undefined for anything else.
 */
export function imageTypeOf(head: Uint8Array): ImageContentType | undefined {
  const starts = (bytes: number[], offset = 0) => bytes.every((byte, index) => head[offset + index] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}
