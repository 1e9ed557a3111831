import { request } from 'node:http';

const base = process.env.E2E_BASE_URL!;

/** A GET whose path is sent exactly as written: fetch would resolve `..` before sending it. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the storefront, served by the platform at /', () => {
  let indexHtml: string;

  beforeAll(async () => {
    const home = await fetch(`${base}/`);
    indexHtml = await home.text();
  });

  it('answers / with the app’s HTML (its root element and script), revalidated on every visit', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(indexHtml).toContain('<div id="root"></div>');
    expect(indexHtml).toMatch(/<html lang="en">/);
    expect(indexHtml).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
  });

  it('answers a deep link with index.html, so the app’s router shows the page', async () => {
    for (const path of ['/products/prod_x', '/orders/ord_1', '/seller/products/new', '/search?q=lamp']) {
      const page = await fetch(`${base}${path}`);
      expect({ path, status: page.status, body: await page.text() }).toEqual({
        path,
        status: 200,
        body: indexHtml,
      });
    }
  });

  it('serves the hashed scripts and styles with a year of immutable caching', async () => {
    const assets = [...indexHtml.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    for (const asset of assets) {
      const answer = await fetch(`${base}${asset}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(answer.headers.get('content-type')).toMatch(
        asset.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
      );
      expect((await answer.arrayBuffer()).byteLength).toBe(Number(answer.headers.get('content-length')));
    }
    const head = await fetch(`${base}${assets[0]}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers a missing file (a path with an extension) 404, never the app in its place', async () => {
    const missing = await fetch(`${base}/assets/index-missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('keeps the API’s own answers: an unknown API path is still a JSON 404, and a POST is not the app', async () => {
    const unknown = await fetch(`${base}/api/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unknown.json()).toEqual({ message: 'Not Found' });
    const local = await fetch(`${base}/_local/nope`);
    expect(local.status).toBe(404);
    expect(local.headers.get('content-type')).toMatch(/^application\/json/);
    const post = await fetch(`${base}/products/x`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('never serves a file from outside the build, nor the build’s own dot-files', async () => {
    const attempts = [
      '/../package.json',
      '/../../package.json',
      '/..%2fpackage.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e%5c%2e%2e%5cpackage.json',
      '/..%2f..%2fsrc%2fmain.tsx',
      '/.source-hash',
      '/.vite/manifest.json',
      '/%00',
    ];
    for (const path of attempts) {
      const answer = await rawGet(path);
      expect({
        path,
        leaked: answer.body.includes('"name": "bazaar"') || answer.body.includes('createRoot'),
      }).toEqual({
        path,
        leaked: false,
      });
      // Either refused, or normalised by the URL parser to a path of the app (index.html).
      expect({ path, ok: answer.status === 404 || answer.body === indexHtml }).toEqual({ path, ok: true });
    }
  });
});
