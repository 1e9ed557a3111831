/**
 * An Idempotency-Key for one checkout attempt. The same key is sent again for a retry of the
 * same attempt (the same cart, address and payment method), so a double click or a retry after
 * a lost answer can never place two orders; a changed cart or choice is a new attempt.
 */
export class CheckoutAttempt {
  private current: { fingerprint: string; key: string } | null = null;

  keyFor(fingerprint: string): string {
    if (this.current?.fingerprint !== fingerprint) this.current = { fingerprint, key: newKey() };
    return this.current.key;
  }

  /** The attempt ended (its order failed): trying again, even unchanged, is a new order. */
  finish(): void {
    this.current = null;
  }
}

/** What identifies an attempt: each cart line's id and quantity, the address and the payment method. */
export function attemptFingerprint(
  lines: ReadonlyArray<{ item_id: string; quantity: number }>,
  addressId: string,
  paymentMethodId: string,
): string {
  const cart = lines.map((line) => `${line.item_id}x${line.quantity}`).join(',');
  return `${cart}|${addressId}|${paymentMethodId}`;
}

function newKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); a LAN address is not one.
  if (typeof crypto.randomUUID === 'function') return `checkout-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `checkout-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
