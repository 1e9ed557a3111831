import type { CartView } from '../../buying/api-types';
import { Money } from '../../components/money';
import { Link } from '../../router';
import { CartTotals } from './cart-totals';

/** What is being bought, and what it comes to. */
export function CheckoutSummary({ cart }: { cart: CartView }) {
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
      <CartTotals cart={cart} />
      <p>
        <Link to="/cart">Change the cart</Link>
      </p>
    </section>
  );
}
