import { listedProduct, shopperWithCart, uniqueWord } from './support/buying';
import { expect, signInThroughPage, test } from './support/fixtures';

test('a token the API no longer takes sends the person to sign in, and back to checkout with the cart', async ({
  page,
  shopper,
  seller,
  consoleErrors,
}) => {
  // The API's refusal of the stale token is what this test is about: the browser logs it.
  consoleErrors.allow(/status of 401/);
  const title = `Expiry ${uniqueWord()} clock`;
  const productId = await listedProduct(seller, { title, price: 12 });
  await shopperWithCart(shopper, productId);
  await signInThroughPage(page, shopper, '/checkout');
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText(title);

  // The stored session still looks current, but its token no longer verifies (as when it expired).
  // A string runs in the page: the root tsconfig has no DOM types.
  await page.evaluate(`(() => {
    const session = JSON.parse(localStorage.getItem('bazaar.session'));
    localStorage.setItem('bazaar.session', JSON.stringify({ ...session, token: session.token + 'x' }));
  })()`);
  await page.reload();

  await expect(page).toHaveURL(/\/signin\?next=%2Fcheckout$/);
  await page.getByLabel('E-mail').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('region', { name: 'Order summary' })).toContainText(`${title} × 1`);
});
