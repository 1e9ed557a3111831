import { invalidParam, parameterMissing } from './errors';
import { type FormObject, optionalInteger, requiredString } from './form';

/**
 * Minimum charge amounts, in the currency's smallest unit, for the currencies this server
 * accepts (Stripe's published minimums). Any other currency is rejected as invalid.
 */
const MINIMUM_AMOUNT: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  nzd: 50,
  chf: 50,
  sgd: 50,
  jpy: 50,
  brl: 50,
  inr: 50,
  dkk: 250,
  sek: 300,
  nok: 300,
  pln: 200,
  hkd: 400,
  mxn: 1000,
};
const MAXIMUM_AMOUNT = 99_999_999;

/** `$0.50`, `€12.00`, `¥50`: an amount in the smallest unit, written as Stripe's messages write it. */
export function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/**
 * The `amount` and `currency` parameters of a charge, held to the currencies this server
 * accepts and to Stripe's minimum and maximum for each.
 */
export function chargeAmount(params: FormObject): { amount: number; currency: string } {
  const amount = optionalInteger(params, 'amount');
  if (amount === undefined) throw parameterMissing('amount');
  const currency = requiredString(params, 'currency').toLowerCase();
  const minimum = MINIMUM_AMOUNT[currency];
  if (minimum === undefined) {
    throw invalidParam(
      `Invalid currency: ${currency}. This test server supports: ${Object.keys(MINIMUM_AMOUNT).join(', ')}.`,
      'currency',
    );
  }
  if (amount < minimum) {
    throw invalidParam(
      `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`,
      'amount',
      'amount_too_small',
    );
  }
  if (amount > MAXIMUM_AMOUNT) {
    throw invalidParam(
      `Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)}`,
      'amount',
      'amount_too_large',
    );
  }
  return { amount, currency };
}
