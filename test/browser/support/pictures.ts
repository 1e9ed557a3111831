import type { BrowserContext } from '@playwright/test';

/**
 * An https host no one serves, for the pictures of products that tests list through the API
 * (the API takes an image id or an https URL). Every test's browser answers it, not only the
 * test that listed the product: the tests share one platform, so a page such as home's new
 * arrivals may show another test's products, and a picture that fails to load is a console error.
 */
export const PICTURE_HOST = 'https://pictures.browse-test.example';

// A 1×1 grey PNG.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64',
);

export async function servePictures(context: BrowserContext): Promise<void> {
  await context.route(`${PICTURE_HOST}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
  );
}
