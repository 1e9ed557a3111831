import { type FormEvent, useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import type { CartLine } from '../../buying/api-types';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { Money } from '../../components/money';
import { StockBadge } from '../../components/stock-badge';
import { Link } from '../../router';

/** The message for the quantity field from a failed change: the API's field message or its stock answer. */
function quantityMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  if (error.fieldErrors.quantity) return error.fieldErrors.quantity;
  const available = (error.details as { available?: unknown } | undefined)?.available;
  if (error.code === 'OUT_OF_STOCK') return 'This product is out of stock';
  if (error.code === 'INSUFFICIENT_STOCK' && typeof available === 'number') {
    return `Only ${available} available`;
  }
  return error.message;
}

/** What the line's stock means for buying it (the badge says the state; this says what to do). */
function stockNote(line: CartLine): string | null {
  const left = line.available_quantity;
  switch (line.availability) {
    case 'out_of_stock':
      return 'Sold out: remove it to check out.';
    case 'unavailable':
      return 'No longer sold: remove it to check out.';
    case 'insufficient_stock':
      return `Only ${left ?? 'a few'} left: lower the quantity to check out.`;
    case 'low_stock':
      return left === null ? null : `${left} left`;
    default:
      return line.warning;
  }
}

/** The line's quantity, changed in place; the API's limit or stock answer shows under the field. */
function CartLineQuantity({ line, onChanged }: { line: CartLine; onChanged: () => void }) {
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => setQuantity(String(line.quantity)), [line.quantity]);

  const update = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = Number(quantity);
    if (!Number.isInteger(wanted) || wanted < 1) {
      setError('must be a whole number, at least 1');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const path = { item_id: line.item_id };
      await unwrap(api.PUT('/api/v1/cart/items/{item_id}', { params: { path }, body: { quantity: wanted } }));
      onChanged();
    } catch (caught) {
      setError(quantityMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="cart-line-quantity" onSubmit={update} aria-label={`Quantity of ${line.title}`}>
      <Field
        label="Quantity"
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={quantity}
        onChange={(event) => setQuantity(event.target.value)}
        error={error}
      />
      <Button type="submit" variant="secondary" busy={busy} aria-label={`Update quantity of ${line.title}`}>
        Update
      </Button>
    </form>
  );
}

function CartLineRemove({ line, onChanged }: { line: CartLine; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.DELETE('/api/v1/cart/items/{item_id}', { params: { path: { item_id: line.item_id } } }),
      );
      onChanged();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="link" busy={busy} onClick={remove} aria-label={`Remove ${line.title}`}>
        Remove
      </Button>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}

/** One line of the cart: what it is, its price, its stock, its quantity (changeable) and removal. */
export function CartLineItem({ line, onChanged }: { line: CartLine; onChanged: () => void }) {
  const note = stockNote(line);
  const blocked = line.availability === 'out_of_stock' || line.availability === 'unavailable';
  return (
    <li className={blocked ? 'cart-line cart-line-blocked' : 'cart-line'}>
      {line.image_url ? (
        <img className="cart-line-image" src={line.image_url} alt="" width={96} height={96} />
      ) : (
        <div className="cart-line-image" aria-hidden="true" />
      )}
      <div className="cart-line-body">
        <h2 className="cart-line-title">
          <Link to={`/products/${line.product_id}`}>{line.title}</Link>
        </h2>
        <p className="cart-line-price">
          <Money cents={line.unit_price_cents} currency={line.currency} /> each
          {line.price_changed ? (
            <span className="cart-line-price-changed">
              {' '}
              (was <Money cents={line.price_when_added_cents} currency={line.currency} /> when you added it)
            </span>
          ) : null}
        </p>
        <p className="cart-line-stock">
          <StockBadge status={line.availability} />
          {note ? <span className="cart-line-note"> {note}</span> : null}
        </p>
        <CartLineQuantity line={line} onChanged={onChanged} />
        <p className="cart-line-total">
          {blocked ? 'Not counted in the total' : 'Line total'}:{' '}
          <Money cents={line.line_total_cents} currency={line.currency} />
        </p>
        <CartLineRemove line={line} onChanged={onChanged} />
      </div>
    </li>
  );
}
