/**
 * The payment provider's test cards, offered by what they do. The storefront never asks for a
 * card number: it saves one of these tokens (Stripe's test mode and the local Stripe both know
 * them; local/stripe/cards.ts).
 */
export const TEST_CARDS: ReadonlyArray<{ token: string; label: string }> = [
  { token: 'pm_card_visa', label: 'Visa (succeeds)' },
  { token: 'pm_card_mastercard', label: 'Mastercard (succeeds)' },
  { token: 'pm_card_chargeDeclined', label: 'Visa (declined)' },
  { token: 'pm_card_chargeDeclinedInsufficientFunds', label: 'Visa (insufficient funds)' },
];

/** How a saved card reads: "Visa •••• 4242". */
export function cardName(method: { brand: string | null; last4: string | null }): string {
  const brand = method.brand ? method.brand[0]!.toUpperCase() + method.brand.slice(1) : 'Card';
  return method.last4 ? `${brand} •••• ${method.last4}` : brand;
}
