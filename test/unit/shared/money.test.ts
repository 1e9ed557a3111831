import {
  formatMoney,
  formattedMoneyFields,
  fromCents,
  isOnSale,
  moneyFields,
  toCents,
} from '../../../shared/money';

describe('money', () => {
  it.each([
    ['49.99', 4999],
    ['0.1', 10],
    ['0.01', 1],
    ['0', 0],
    ['1000000', 100_000_000],
    ['19.9', 1990],
  ])('parses %s into %i cents exactly', (text, cents) => {
    expect(toCents(text)).toBe(cents);
    expect(toCents(Number(text))).toBe(cents);
  });

  it.each([49.999, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 0.001])(
    'refuses %p rather than rounding',
    (value) => {
      expect(toCents(value)).toBeUndefined();
    },
  );

  it('refuses text that is not a plain decimal', () => {
    expect(toCents('1e3')).toBeUndefined();
    expect(toCents('12.')).toBeUndefined();
    expect(toCents('abc')).toBeUndefined();
  });

  it('adds 0.1 and 0.2 without floating-point drift', () => {
    const total = toCents(0.1)! + toCents(0.2)!;
    expect(total).toBe(30);
    expect(fromCents(total)).toBe(0.3);
    expect(formatMoney(total)).toBe('$0.30');
  });

  it('formats cents for display', () => {
    expect(formatMoney(14997)).toBe('$149.97');
    expect(formatMoney(123450)).toBe('$1,234.50');
    expect(formatMoney(5)).toBe('$0.05');
    expect(formatMoney(-300)).toBe('-$3.00');
  });

  it('builds the display number and the exact cents of an amount together', () => {
    expect(moneyFields('price', 4999)).toEqual({ price: 49.99, price_cents: 4999 });
    expect(moneyFields('compare_at_price', null)).toEqual({
      compare_at_price: null,
      compare_at_price_cents: null,
    });
  });

  it('builds the display text and the exact cents of a total together', () => {
    expect(formattedMoneyFields('total', 123450)).toEqual({ total: '$1,234.50', total_cents: 123450 });
  });

  it('is on sale only with a compare-at price above the price', () => {
    expect(isOnSale(4999, 5999)).toBe(true);
    expect(isOnSale(4999, 4999)).toBe(false);
    expect(isOnSale(4999, 3999)).toBe(false);
    expect(isOnSale(4999, null)).toBe(false);
    expect(isOnSale(4999, undefined)).toBe(false);
  });
});
