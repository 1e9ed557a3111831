import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, messageOf } from '../../api/errors';
import { refreshCartCount } from '../../cart';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Link } from '../../router';

/** The stock errors in words about this page's product (the API's message names it by id). */
function stockMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  const available = (error.details as { available?: unknown } | undefined)?.available;
  if (error.code === 'OUT_OF_STOCK') return 'Sorry, this product is out of stock.';
  if (error.code === 'INSUFFICIENT_STOCK' && typeof available === 'number')
    return `Only ${available} in stock, counting any already in your cart.`;
  return error.message;
}

/**
 * Quantity and "Add to cart". Signed out it works the same: the API keeps the cart under a
 * cookie and merges it on sign-in. The API's limit (a quantity error) shows under the quantity,
 * its stock errors under the button.
 */
export function AddToCart({ productId }: { productId: string }) {
  const quantityId = useId();
  const [quantity, setQuantity] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [inCart, setInCart] = useState<number>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setInCart(undefined);
    try {
      const line = await unwrap(
        api.POST('/api/v1/cart/items', { body: { product_id: productId, quantity: Number(quantity) } }),
      );
      setInCart(line.quantity);
      void refreshCartCount();
    } catch (failure) {
      setError(failure);
      // The field's message is read with the field it names, where the person fixes it.
      if (failure instanceof ApiError && failure.fieldErrors.quantity)
        document.getElementById(quantityId)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const quantityError = error instanceof ApiError ? error.fieldErrors.quantity : undefined;
  return (
    <form className="add-to-cart" onSubmit={submit} noValidate aria-label="Add to cart">
      <Field
        id={quantityId}
        label="Quantity"
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        className="quantity-input"
        value={quantity}
        onChange={(event) => setQuantity(event.target.value)}
        error={quantityError}
      />
      <Button type="submit" busy={busy}>
        {busy ? 'Adding…' : 'Add to cart'}
      </Button>
      {error !== undefined && !quantityError ? (
        <p className="field-error" role="alert">
          {stockMessage(error)}
        </p>
      ) : null}
      <p role="status" className="add-to-cart-status">
        {inCart === undefined ? null : (
          <>
            Added to your cart (you have {inCart}). <Link to="/cart">View cart</Link>
          </>
        )}
      </p>
    </form>
  );
}
