import type { CartView } from '../../buying/api-types';
import { shippingEstimateCents } from '../../buying/shipping';
import { Money } from '../../components/money';

/** Subtotal, shipping and total of a cart, as the cart and checkout both show them. */
export function CartTotals({ cart, showItemCount = false }: { cart: CartView; showItemCount?: boolean }) {
  const shipping = shippingEstimateCents(cart.subtotal_cents);
  return (
    <dl className="totals">
      {showItemCount ? (
        <>
          <dt>Items</dt>
          <dd>{cart.item_count}</dd>
        </>
      ) : null}
      <dt>Subtotal</dt>
      <dd>
        <Money cents={cart.subtotal_cents} currency={cart.currency} />
      </dd>
      <dt>Shipping</dt>
      <dd>{shipping === 0 ? 'Free' : <Money cents={shipping} currency={cart.currency} />}</dd>
      <dt className="total">Total</dt>
      <dd className="total">
        <Money cents={cart.subtotal_cents + shipping} currency={cart.currency} />
      </dd>
    </dl>
  );
}
