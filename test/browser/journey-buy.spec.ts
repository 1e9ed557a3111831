import { uniqueEmail } from '../support/api';
import { listedProduct, orderIdFromUrl, uniqueWord } from './support/buying';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

test.describe('buying, signed out first', { tag: '@phone' }, () => {
  test('search → product → cart → sign up keeps the cart → pay with Visa → the order page shows paid', async ({
    page,
    seller,
    local,
    axe,
  }) => {
    const word = uniqueWord();
    const title = `Journey ${word} lantern`;
    await listedProduct(seller, { title, price: 24.5, stock: 5 });

    await page.goto('/');
    await page.getByRole('search').getByLabel('Search products').fill(word);
    await page.getByRole('search').getByLabel('Search products').press('Enter');
    await page.getByRole('link', { name: title }).first().click();
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: /add to cart/i }).click();
    await expect(page.getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();

    await page.getByRole('link', { name: 'Cart, 1 item' }).click();
    await expect(page.getByRole('heading', { name: 'Your cart', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await axe.check();

    await page.getByRole('link', { name: 'Checkout' }).click();
    await expect(page).toHaveURL(/\/signin\?next=%2Fcheckout$/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Journey Shopper');
    await page.getByLabel('E-mail').fill(uniqueEmail('journey'));
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /create/i }).click();

    // Signed up, the person is back on checkout, and the cart they filled signed out is theirs.
    await expect(page).toHaveURL(/\/checkout$/);
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary).toContainText(`${title} × 1`);
    await expect(page.getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();

    await page.getByLabel('Full name').fill('Journey Shopper');
    await page.getByLabel('Address line 1').fill('1 Main St');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('62701');
    await page.getByRole('button', { name: 'Use this address' }).click();
    // The form is gone; focus moved to the address it added, which is chosen.
    await expect(page.getByRole('radio', { name: /Journey Shopper/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /Journey Shopper/ })).toBeFocused();
    await page.getByLabel('Test card').selectOption({ label: 'Visa (succeeds)' });
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByRole('radio', { name: 'Visa •••• 4242' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Visa •••• 4242' })).toBeFocused();
    await expectNoHorizontalScroll(page);
    await axe.check();

    await page.getByRole('button', { name: 'Place order' }).click();

    const orderId = await orderIdFromUrl(page);
    await expect(page.getByRole('status')).toContainText('Paid');
    await expect(page.getByRole('heading', { name: `Order ${orderId}`, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Items and shipments' })).toContainText(title);
    await expectNoHorizontalScroll(page);
    await axe.check();
    // Paid: the cart empties once the order's event is handled.
    await expect(page.getByRole('link', { name: 'Cart, 0 items' })).toBeVisible();
    expect(await local.charges({ orderId, paid: true })).toEqual([
      expect.objectContaining({ amount: 2450 + 499 }),
    ]);
  });
});
