import { shippingFor } from '../../../functions/orders/order';
import { attemptFingerprint, CheckoutAttempt } from '../../../web/src/buying/checkout-key';
import { shippingEstimateCents } from '../../../web/src/buying/shipping';

describe('the storefront checkout', () => {
  it('shows the shipping that checkout will charge, on both sides of the free-shipping line', () => {
    for (const subtotalCents of [0, 1, 3499, 3500, 3501, 250_000]) {
      expect(shippingEstimateCents(subtotalCents)).toBe(shippingFor(subtotalCents));
    }
  });

  it('sends one Idempotency-Key for every try of one attempt and a new one for a changed cart or choice', () => {
    const attempt = new CheckoutAttempt();
    const lines = [{ item_id: 'ci_1', quantity: 2 }];
    const first = attempt.keyFor(attemptFingerprint(lines, 'addr_1', 'pm_1'));

    expect(attempt.keyFor(attemptFingerprint(lines, 'addr_1', 'pm_1'))).toBe(first);
    const otherCard = attempt.keyFor(attemptFingerprint(lines, 'addr_1', 'pm_2'));
    const otherQuantity = attempt.keyFor(
      attemptFingerprint([{ item_id: 'ci_1', quantity: 3 }], 'addr_1', 'pm_2'),
    );
    expect(new Set([first, otherCard, otherQuantity]).size).toBe(3);
    expect(first).toMatch(/^checkout-[\x21-\x7e]{1,240}$/);
  });

  it('starts a new attempt after a failed order, even with nothing changed', () => {
    const attempt = new CheckoutAttempt();
    const fingerprint = attemptFingerprint([{ item_id: 'ci_1', quantity: 1 }], 'addr_1', 'pm_1');
    const declined = attempt.keyFor(fingerprint);

    attempt.finish();

    expect(attempt.keyFor(fingerprint)).not.toBe(declined);
  });
});
