import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

test.describe('the storefront', { tag: '@phone' }, () => {
  test('serves a home page with a heading and a search box, no sideways scroll, no console error and no serious axe violation', async ({
    page,
    axe,
  }) => {
    await page.goto('/');

    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    const searchBox = page.getByRole('search').getByLabel('Search products');
    await expect(searchBox).toBeVisible();
    await expect(searchBox).toBeEditable();
    // The catalog has answered: the page axe checks is the one a shopper sees, not its loading state.
    await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await axe.check();
  });
});
