import type { CartView } from '../../buying/api-types';
import { shippingEstimateCents } from '../../buying/shipping';
import { Money } from '../../components/money';
import { Link } from '../../router';

/** What is being bought, and what it comes to. */
export function CheckoutSummary({ cart }: { cart: CartView }) {
  const shipping = shippingEstimateCents(cart.subtotal_cents);
  return (
    <section className="checkout-summary" aria-labelledby="checkout-summary-heading">
      <h2 id="checkout-summary-heading">Order summary</h2>
      <ul className="summary-lines">
        {cart.items.map((line) => (
          <li key={line.item_id}>
            <span>
              {line.title} × {line.quantity}
            </span>
            <Money cents={line.line_total_cents} currency={line.currency} />
          </li>
        ))}
      </ul>
      <dl className="totals">
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
      <p>
        <Link to="/cart">Change the cart</Link>
      </p>
    </section>
  );
}
