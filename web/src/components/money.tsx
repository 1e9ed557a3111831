/** The price from exact cents, with the compare-at price struck through when the item is on sale. */
export function Money({
  cents,
  currency,
  compareAtCents,
}: {
  cents: number;
  currency: string;
  compareAtCents?: number | null | undefined;
}) {
  const onSale = typeof compareAtCents === 'number' && compareAtCents > cents;
  return (
    <span className={onSale ? 'money money-sale' : 'money'}>
      {onSale ? (
        <>
          <span className="visually-hidden">Sale price </span>
          {formatMoney(cents, currency)}{' '}
          <s className="money-was">
            <span className="visually-hidden">was </span>
            {formatMoney(compareAtCents, currency)}
          </s>
        </>
      ) : (
        formatMoney(cents, currency)
      )}
    </span>
  );
}

/** `$12.50` from 1250 and "USD", in the reader's locale. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
}
