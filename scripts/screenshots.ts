import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_SELLERS, DEMO_SHOPPER } from '../local/seed/demo-seed';
import { assertChromiumInstalled, chromiumLaunchOptions } from '../test/browser/support/chromium';
import { signInThroughPage } from '../test/browser/support/sign-in';
import { E2E_ENV } from '../test/setup/e2e-global-setup';
import { type PlatformProcess, startPlatformProcess } from '../test/support/platform-process';

/**
 * `npm run screenshots`: starts the platform with the demo catalog, arranges what the pages
 * show through the API (the demo shopper's cart, a paid order), opens each main page of the
 * storefront at desktop width and saves it into docs/screenshots/. A page that fails is
 * reported and the others are still taken; the platform is stopped either way.
 */
const OUT_DIR = join(__dirname, '..', 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };

interface Shot {
  name: string;
  path: string;
  /** Whose browser opens it: nobody's, the demo shopper's or a demo seller's. */
  as: 'visitor' | 'shopper' | 'seller';
}

const shopper = { email: DEMO_SHOPPER.email, password: DEMO_PASSWORD };
const seller = { email: DEMO_SELLERS[0]!.email, password: DEMO_PASSWORD };

async function main(): Promise<void> {
  assertChromiumInstalled();
  const started = Date.now();
  console.log('Starting the platform with the demo catalog (about a minute)…');
  const platform = await startPlatformProcess({
    args: ['--seed', 'demo'],
    env: E2E_ENV,
    // The demo catalog takes a minute on a quiet machine and many on a busy one.
    readyTimeoutMs: 900_000,
  });
  let failures: string[] = [];
  try {
    console.log(`Platform ready at ${platform.url} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const shots = await arrange(platform);
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      failures = await takeAll(browser, platform.url, shots);
    } finally {
      await browser.close();
    }
  } finally {
    await platform.stop();
  }
  if (failures.length > 0) {
    console.error(`Not taken: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

/** Through the API: a product worth showing, a paid order and a cart for the demo shopper. */
async function arrange(platform: PlatformProcess): Promise<Shot[]> {
  const call = apiOf(platform.originUrl);
  const { access_token: token } = await call<{ access_token: string }>('POST', '/api/v1/auth/login', {
    body: shopper,
  });
  const { results: products } = await call<{
    results: Array<{ product_id: string; title: string; image: string | null }>;
  }>('GET', '/api/v1/products?sort=rating&in_stock=true&page_size=50');
  const withImages = products.filter((product) => product.image);
  const [shown, ordered] = withImages.length >= 2 ? withImages : products;
  if (!shown || !ordered) throw new Error('The demo catalog has no products to show');

  const address = await call<{ address_id: string }>('POST', '/api/v1/addresses', {
    token,
    body: { name: 'Home', line1: '1 Main St', city: 'Springfield', postal_code: '62701', country: 'US' },
  });
  const card = await call<{ payment_method_id: string }>('POST', '/api/v1/payment-methods', {
    token,
    body: { type: 'card', token: 'pm_card_visa' },
  });
  await call('POST', '/api/v1/cart/items', { token, body: { product_id: ordered.product_id, quantity: 1 } });
  const order = await call<{ order_id: string }>('POST', '/api/v1/orders/checkout', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { shipping_address_id: address.address_id, payment_method_id: card.payment_method_id },
  });
  await settled(call, token, order.order_id);
  // Once the order has taken the cart, the cart page and checkout show another product.
  await call('POST', '/api/v1/cart/items', { token, body: { product_id: shown.product_id, quantity: 2 } });

  const searchWord = longestWord(shown.title);
  return [
    { name: 'home', path: '/', as: 'visitor' },
    { name: 'search', path: `/search?q=${encodeURIComponent(searchWord)}`, as: 'visitor' },
    { name: 'product', path: `/products/${shown.product_id}`, as: 'visitor' },
    { name: 'cart', path: '/cart', as: 'shopper' },
    { name: 'checkout', path: '/checkout', as: 'shopper' },
    { name: 'order', path: `/orders/${order.order_id}`, as: 'shopper' },
    { name: 'seller-dashboard', path: '/seller', as: 'seller' },
  ];
}

/** Opens each page in the browser of whoever sees it, signed in once per person. */
async function takeAll(browser: Browser, baseURL: string, shots: Shot[]): Promise<string[]> {
  mkdirSync(OUT_DIR, { recursive: true });
  const failures: string[] = [];
  const pages = new Map<Shot['as'], Page>();
  const pageOf = async (as: Shot['as']): Promise<Page> => {
    const existing = pages.get(as);
    if (existing) return existing;
    const context = await browser.newContext({
      baseURL,
      viewport: VIEWPORT,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    const page = await context.newPage();
    pages.set(as, page);
    if (as !== 'visitor') {
      await signInThroughPage(page, as === 'shopper' ? shopper : seller).catch((error: Error) =>
        console.warn(`Could not sign the ${as} in (${error.message.split('\n')[0]}); going on signed out`),
      );
    }
    return page;
  };
  for (const shot of shots) {
    try {
      const page = await pageOf(shot.as);
      await page.goto(shot.path);
      await settledPage(page);
      const file = join(OUT_DIR, `${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`${shot.name}: ${shot.path} → ${relative(process.cwd(), file)}`);
    } catch (error) {
      console.error(`${shot.name}: ${shot.path} failed: ${(error as Error).message.split('\n')[0]}`);
      failures.push(shot.name);
    }
  }
  return failures;
}

/** Waits for the page's requests to finish and its loading states to go (at most 10 s). */
async function settledPage(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page
    .getByRole('status')
    .filter({ hasText: /loading/i })
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => console.warn(`  ${page.url()} still shows a loading state`));
  // Lazy images below the first screen do not matter; the ones in view must have arrived. A string
  // runs in the page: the root tsconfig has no DOM types (only web/ has).
  await page.evaluate(`Promise.all(
    [...document.images]
      .filter((image) => image.getBoundingClientRect().top < window.innerHeight && !image.complete)
      .map((image) => new Promise((resolve) => {
        image.addEventListener('load', resolve, { once: true });
        image.addEventListener('error', resolve, { once: true });
      })),
  )`);
}

type Call = <T = Record<string, unknown>>(method: string, path: string, options?: CallOptions) => Promise<T>;
interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function apiOf(origin: string): Call {
  return async <T>(method: string, path: string, options: CallOptions = {}): Promise<T> => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

async function settled(call: Call, token: string, orderId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const order = await call<{ status: string }>('GET', `/api/v1/orders/${orderId}`, { token });
    if (order.status !== 'pending') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.warn(`Order ${orderId} still pending after 30 s; its page shows it so`);
}

function longestWord(title: string): string {
  return title.split(/\W+/).reduce((longest, word) => (word.length > longest.length ? word : longest), '');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
