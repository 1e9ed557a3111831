import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

const types: Record<string, string> = {
  '.js': 'application/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** Swagger UI's files for the docs page (functions/platform), served from the installed package. */
export function serveDocsAsset(name: string, response: ServerResponse): void {
  const file = join(getAbsoluteFSPath(), name);
  if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': types[extname(name)] ?? 'application/octet-stream',
    'cache-control': 'max-age=3600',
  });
  createReadStream(file).pipe(response);
}
