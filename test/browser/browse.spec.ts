import type { Page } from '@playwright/test';
import { api, eventually } from '../support/api';
import { expect, expectNoHorizontalScroll, signInThroughPage, test } from './support/fixtures';
import { newSeller, newShopper, type Seller } from './support/people';
import { PICTURE_HOST } from './support/pictures';

/**
 * Journey 5's browsing part and the shopper's way to a product: search (typos, suggestions,
 * facets, sort), the product page (gallery, price, badge, reviews), and a signed-out cart.
 * Each test lists its own products under a made-up word, so tests never see each other's.
 */

/** A word no product has: consonant-vowel pairs, so the tokenizer keeps it whole. */
function madeUpWord(): string {
  const pick = (letters: string) => letters[Math.floor(Math.random() * letters.length)]!;
  let word = 'z';
  for (let i = 0; i < 4; i++) word += pick('bdfgklmnprtv') + pick('aeiou');
  return `${word}x`;
}

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

interface Listed {
  word: string;
  title: (item: string) => string;
  ids: Record<string, string>;
}

const ITEMS = [
  { item: 'Lantern', category: 'camping', price: 30 },
  { item: 'Kettle', category: 'kitchen', price: 80, compare_at_price: 100 },
  { item: 'Blanket', category: 'bedding', price: 15 },
];

/** Three products under one made-up word, found by the API's search before the test goes on. */
async function listProducts(seller: Seller, extra: Record<string, unknown> = {}): Promise<Listed> {
  const word = madeUpWord();
  const title = (item: string) => `${capitalized(word)} ${item}`;
  const ids: Record<string, string> = {};
  for (const { item, ...fields } of ITEMS) {
    const response = await api('POST', '/api/v1/seller/products', {
      token: seller.token,
      body: {
        title: title(item),
        description: `A ${item.toLowerCase()} for the browse journey.`,
        stock: 50,
        images: [1, 2, 3].map((n) => `${PICTURE_HOST}/${word}/${item}-${n}.png`),
        ...fields,
        ...extra,
      },
    });
    if (response.status !== 201) throw new Error(`listing ${item} failed: ${response.text}`);
    ids[item] = response.body.product_id;
  }
  await eventually(async () => {
    const found = await api('GET', `/api/v1/search?q=${word}`);
    return found.body.total === ITEMS.length ? true : undefined;
  }, 10_000);
  return { word, title, ids };
}

/** The result titles in the order the page shows them. */
const resultTitles = (page: Page) =>
  page.getByRole('region', { name: 'Results' }).getByRole('heading', { level: 3 }).allTextContents();

test.describe('browsing', () => {
  let seller: Seller;
  test.beforeAll(async () => {
    seller = await newSeller('browse');
  });

  test('a search with a typo finds the product, and the search box suggests as one types', {
    tag: '@phone',
  }, async ({ page }) => {
    const listed = await listProducts(seller);
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search products' });

    // One letter dropped: the API tolerates it.
    const typo = listed.word.slice(0, 3) + listed.word.slice(4);
    await box.fill(typo);
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${typo}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${typo}”`);
    await expect(page.getByRole('link', { name: listed.title('Lantern') })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('3 products found');
    await expectNoHorizontalScroll(page);

    await box.fill(listed.word.slice(0, 6));
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    const first = page.getByRole('option').first();
    await expect(first).toContainText(listed.word);
    await box.press('ArrowDown');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole('link', { name: listed.title('Kettle') })).toBeVisible();

    // The URL holds the search: Back shows the one before, and the box says what it was.
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${typo}”`);
    await expect(box).toHaveValue(typo);
  });

  test('facets and sort change the results, and Back undoes a filter', async ({ page }) => {
    const listed = await listProducts(seller);
    await page.goto(`/search?q=${listed.word}`);
    await expect.poll(() => resultTitles(page)).toHaveLength(3);

    const filters = page.getByRole('complementary', { name: 'Filters' });
    await filters.getByRole('link', { name: /^Kitchen/ }).click();
    await expect(page).toHaveURL(/category=kitchen/);
    await expect.poll(() => resultTitles(page)).toEqual([listed.title('Kettle')]);
    await page.goBack();
    await expect.poll(() => resultTitles(page)).toHaveLength(3);

    await filters.getByRole('link', { name: /^Under \$25 / }).click();
    await expect.poll(() => resultTitles(page)).toEqual([listed.title('Blanket')]);
    await filters.getByRole('link', { name: 'Clear all filters' }).click();
    await expect.poll(() => resultTitles(page)).toHaveLength(3);

    // The Kettle is on sale: its card strikes through the compare-at price, and the filter finds it alone.
    const kettle = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: listed.title('Kettle') }) });
    await expect(kettle.locator('s')).toHaveText('was $100.00');
    await filters.getByRole('checkbox', { name: 'On sale' }).check();
    await expect(page).toHaveURL(/on_sale=true/);
    await expect.poll(() => resultTitles(page)).toEqual([listed.title('Kettle')]);
    await filters.getByRole('link', { name: 'Clear all filters' }).click();

    const sort = page.getByLabel('Sort by');
    await sort.selectOption({ label: 'Price: low to high' });
    await expect
      .poll(() => resultTitles(page))
      .toEqual([listed.title('Blanket'), listed.title('Lantern'), listed.title('Kettle')]);
    await sort.selectOption({ label: 'Price: high to low' });
    await expect
      .poll(() => resultTitles(page))
      .toEqual([listed.title('Kettle'), listed.title('Lantern'), listed.title('Blanket')]);
    await expect(page).toHaveURL(/sort=price_desc/);
  });

  test('the product page shows its gallery, sale price, stock badge, rating histogram and reviews', async ({
    page,
  }) => {
    const listed = await listProducts(seller);
    const productId = listed.ids.Kettle!;
    const reviewers = await Promise.all([newShopper('reviewer'), newShopper('reviewer')]);
    for (const [index, reviewer] of reviewers.entries()) {
      const rating = index === 0 ? 5 : 2;
      const posted = await api('POST', `/api/v1/products/${productId}/reviews`, {
        token: reviewer.token,
        body: {
          rating,
          title: `${rating} stars from reviewer ${index + 1}`,
          body: 'Boils water as promised.',
        },
      });
      expect(posted.status).toBe(201);
    }
    await page.goto(`/products/${productId}`);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(listed.title('Kettle'));
    const picture = page.getByRole('img', { name: `${listed.title('Kettle')}, picture 1 of 3` });
    await expect(picture).toBeVisible();
    const thumbnails = page.getByRole('list', { name: 'Pictures' }).getByRole('button');
    await expect(thumbnails).toHaveCount(3);
    await thumbnails.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('img', { name: `${listed.title('Kettle')}, picture 2 of 3` })).toBeVisible();
    await expect(thumbnails.nth(1)).toBeFocused();
    await expect(thumbnails.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('End');
    await expect(page.getByRole('img', { name: `${listed.title('Kettle')}, picture 3 of 3` })).toBeVisible();

    const price = page.locator('.product-price');
    await expect(price).toContainText('$80.00');
    await expect(price.locator('s')).toHaveText('was $100.00');
    await expect(page.getByText('Save 20%')).toBeVisible();
    await expect(page.getByText('In stock', { exact: true })).toBeVisible();

    const histogram = page.getByRole('list', { name: 'Reviews by rating' });
    await expect(histogram.getByRole('button', { name: 'Show only 5 stars: 1 review (50%)' })).toBeVisible();
    await expect(histogram.getByRole('button', { name: 'Show only 2 stars: 1 review (50%)' })).toBeVisible();
    const reviewTitles = page.getByRole('region', { name: 'Customer reviews' }).getByRole('article');
    await expect(reviewTitles).toHaveCount(2);
    await page.getByLabel('Sort reviews by').selectOption({ label: 'Lowest rating' });
    await expect(reviewTitles.first().getByRole('heading')).toHaveText('2 stars from reviewer 2');
    await histogram.getByRole('button', { name: /^Show only 5 stars/ }).click();
    await expect(reviewTitles).toHaveCount(1);
    await expect(reviewTitles.first().getByRole('heading')).toHaveText('5 stars from reviewer 1');
    await expect(reviewTitles.first().getByRole('link', { name: 'Sign in to vote' })).toBeVisible();
  });

  test('add to cart works signed out, keeps the item in the cart, and shows the limit and stock errors by the control', async ({
    page,
    consoleErrors,
  }) => {
    // The API's refusals are the point here; chromium logs each as a failed resource.
    consoleErrors.allow(/status of (400|409)/);
    const listed = await listProducts(seller, { stock: 3 });
    await page.goto(`/products/${listed.ids.Lantern}`);
    const quantity = page.getByLabel('Quantity');
    const add = page.getByRole('button', { name: 'Add to cart' });

    await quantity.fill('2');
    await add.click();
    await expect(page.getByRole('status').filter({ hasText: 'Added' })).toContainText('you have 2');
    await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();

    await quantity.fill('11');
    await add.click();
    await expect(quantity).toHaveAccessibleDescription(/at most 10 of one product per cart/);
    await expect(quantity).toBeFocused();

    await quantity.fill('2');
    await add.click();
    await expect(page.getByRole('alert')).toHaveText('Only 3 in stock, counting any already in your cart.');

    // The anonymous cart lives under its cookie: a new page load still has it.
    await page.reload();
    await expect(page.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();
    const cart = await (await page.request.get('/api/v1/cart')).json();
    expect(cart.items).toEqual([expect.objectContaining({ product_id: listed.ids.Lantern, quantity: 2 })]);
  });

  test('a signed-in shopper votes a review helpful and writes one; the seller is told plainly they cannot review their own', async ({
    page,
    shopper,
    consoleErrors,
  }) => {
    // The seller's attempt is refused (403) on purpose; chromium logs the answer as a failed resource.
    consoleErrors.allow(/status of 403/);
    const listed = await listProducts(seller);
    const productId = listed.ids.Blanket!;
    const other = await newShopper('reviewer');
    const posted = await api('POST', `/api/v1/products/${productId}/reviews`, {
      token: other.token,
      body: { rating: 4, title: 'Warm enough', body: 'Kept me warm all winter.' },
    });
    expect(posted.status).toBe(201);
    await signInThroughPage(page, shopper, `/products/${productId}`);

    const theirs = page.getByRole('article', { name: 'Warm enough' });
    await theirs.getByRole('button', { name: 'Helpful: Warm enough' }).click();
    await expect(theirs.getByRole('status')).toHaveText('Thanks for your vote');
    await expect(theirs).toContainText('1 person found this helpful');

    await page.getByRole('radio', { name: '5 stars' }).check();
    await page.getByLabel('Title').fill('Soft and light');
    await page.getByLabel('Your review').fill('Folds small, washes well.');
    await page.getByRole('button', { name: 'Post review' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Thank you' })).toHaveText(
      'Thank you: your review is posted.',
    );
    await expect(page.getByRole('article', { name: 'Soft and light' })).toBeVisible();

    await signInThroughPage(page, seller, `/products/${productId}`);
    await page.getByRole('radio', { name: '5 stars' }).check();
    await page.getByLabel('Title').fill('My own blanket');
    await page.getByLabel('Your review').fill('The best, of course.');
    await page.getByRole('button', { name: 'Post review' }).click();
    await expect(page.getByRole('alert')).toContainText('Sellers cannot review their own products');
  });

  test('home, search and product pages have no serious axe violation and fit a phone', {
    tag: '@phone',
  }, async ({ page, axe }) => {
    const listed = await listProducts(seller);

    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Shop by category' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'On sale' }).getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await axe.check();

    await page.goto(`/search?q=${listed.word}`);
    await expect.poll(() => resultTitles(page)).toHaveLength(3);
    await expectNoHorizontalScroll(page);
    await axe.check();

    await page.goto(`/products/${listed.ids.Kettle}`);
    await expect(page.getByRole('heading', { name: 'Customer reviews' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Loading/ })).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await axe.check();
  });
});
