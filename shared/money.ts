/**
 * Money is integer cents everywhere inside Bazaar. Decimal major units appear only at the
 * edges: parsed from requests (at most two decimals, never rounded) and formatted for display.
 */

export const CURRENCY = 'USD';

/** Largest amount accepted for one price or charge: $1,000,000.00. */
export const MAX_CENTS = 100_000_000;

const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a decimal amount in major units into cents without floating-point arithmetic.
 * Returns undefined when the value is not a finite, non-negative number with at most two
 * decimals (JavaScript prints the shortest round-tripping decimal, so 49.99 reads as "49.99").
 */
export function toCents(amount: number | string): number | undefined {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/**
 * On sale: a compare-at ("was") price above the price. The catalog refuses one that is not, but
 * the search index and the rankings trust no writer, so every reader asks this one rule.
 */
export function isOnSale(priceCents: number, compareAtPriceCents: number | null | undefined): boolean {
  return (
    compareAtPriceCents !== null && compareAtPriceCents !== undefined && compareAtPriceCents > priceCents
  );
}

/** Cents back to a major-unit number for the spec's display fields (4999 → 49.99, exact). */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** "$149.97", "$1,234.50", "-$3.00". */
export function formatMoney(cents: number, currency: string = CURRENCY): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = String(abs % 100).padStart(2, '0');
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  return `${sign}${symbol}${whole}.${fraction}`;
}

/**
 * An amount in a response: the display number and its exact cents (`price`, `price_cents`),
 * both null when the amount is (`moneyOutput` in shared/schemas is its schema).
 */
export function moneyFields<N extends string, C extends number | null>(name: N, cents: C) {
  return { [name]: cents === null ? null : fromCents(cents), [`${name}_cents`]: cents } as Record<
    N | `${N}_cents`,
    C extends number ? number : null
  >;
}

/** An amount shown as text ("$149.97") with its exact cents (`total`, `total_cents`). */
export function formattedMoneyFields<N extends string>(name: N, cents: number, currency: string = CURRENCY) {
  return { [name]: formatMoney(cents, currency), [`${name}_cents`]: cents } as Record<N, string> &
    Record<`${N}_cents`, number>;
}
