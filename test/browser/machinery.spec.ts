import { api } from '../support/api';
import { expect, test } from './support/fixtures';

// The tier's own checks, so a journey that passes means what it says.
test.describe('the browser tier’s machinery', () => {
  test('catches what the page logs as an error and what it throws, and lets through only what a test allows', async ({
    page,
    consoleErrors,
  }) => {
    await page.setContent(`<p>page</p><script>
      console.error('oops, logged');
      setTimeout(() => { throw new Error('boom, uncaught'); });
    </script>`);
    await expect
      .poll(() => consoleErrors.unexpected().map((error) => error.kind))
      .toEqual(['console', 'uncaught']);
    expect(() => consoleErrors.assertNone()).toThrow(/oops, logged[\s\S]*boom, uncaught/);

    consoleErrors.allow(/oops, logged|boom, uncaught/);
    expect(consoleErrors.unexpected()).toEqual([]);
  });

  test('fails the axe check on a serious violation and names the rule and the element', async ({
    page,
    axe,
  }) => {
    await page.setContent(
      '<html lang="en"><head><title>t</title></head><body><main><h1>Form</h1><input id="nameless" type="text"></main></body></html>',
    );
    await expect(axe.check()).rejects.toThrow(/\[critical\] label:[\s\S]*#nameless/);
  });

  test('gives each test its own shopper and its own seller, and reads the payment provider’s ledger', async ({
    shopper,
    seller,
    local,
  }) => {
    expect(shopper.email).not.toBe(seller.email);
    expect((await api('GET', '/api/v1/seller/products', { token: seller.token })).status).toBe(200);
    expect((await api('GET', '/api/v1/seller/products', { token: shopper.token })).status).toBe(403);
    expect(await local.paidChargesOf(shopper)).toEqual([]);
    expect(await local.health()).toMatchObject({ dynamodb: 'up', gateway: 'up' });
  });
});
