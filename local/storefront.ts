import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { STOREFRONT_DIST } from '../scripts/storefront-build';

/** Paths that are never the storefront's: the API, the platform's own pages and operations. */
const NOT_STOREFRONT = /^\/(api|_local|local-issuer)(\/|$)|^\/docs(\/|$)/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Whether a request is the storefront's to answer: a GET or HEAD outside the API and the platform. */
export function isStorefrontRequest(request: IncomingMessage, pathname: string): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !NOT_STOREFRONT.test(pathname);
}

/**
 * Answers a storefront request from the build, as the site's distribution does on AWS: a file of
 * the build, or `index.html` for a path with no file extension (a deep link such as
 * `/products/prod_1`, which the app's router shows). Hashed `/assets/*` are cached for a year;
 * `index.html` is revalidated every time, so a new build shows at once. Nothing outside the build
 * folder, and none of its dot-files (the build's stamp, Vite's manifest), is ever served.
 */
export async function serveStorefront(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  dist = STOREFRONT_DIST,
): Promise<void> {
  const file = fileFor(dist, pathname);
  if (file === undefined) return plain(response, 404, 'Not Found');
  const found = await stat(file).catch(() => undefined);
  if (found?.isFile()) return sendFile(request, response, file, found.size, pathname);
  if (extname(pathname) !== '') return plain(response, 404, 'Not Found');
  const index = join(dist, 'index.html');
  const built = await stat(index).catch(() => undefined);
  if (!built?.isFile()) {
    return plain(
      response,
      503,
      'The storefront is not built: run `npm run build:web` (npm start builds it).',
    );
  }
  return sendFile(request, response, index, built.size, '/index.html');
}

/** The file a path names inside `dist`, or undefined when it would leave it or names a dot-file. */
function fileFor(dist: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const root = resolve(dist);
  const file = resolve(root, `.${decoded}`);
  const inside = relative(root, file);
  if (inside.startsWith('..') || resolve(root, inside) !== file) return undefined;
  if (inside.split(sep).some((segment) => segment.startsWith('.'))) return undefined;
  return file;
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  size: number,
  servedPath: string,
): void {
  const immutable = servedPath.startsWith('/assets/');
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(size),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-cache',
  });
  response.end(text);
}
