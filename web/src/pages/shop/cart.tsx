import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import type { CartView } from '../../buying/api-types';
import { blockingLines } from '../../buying/cart-lines';
import { refreshCartCount } from '../../cart';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Link, usePageTitle } from '../../router';
import { useSession } from '../../session';
import { CartLineItem } from './cart-line';
import { CartTotals } from './cart-totals';

function CartSummary({ cart, signedIn }: { cart: CartView; signedIn: boolean }) {
  const blocked = blockingLines(cart);
  return (
    <section className="cart-summary" aria-labelledby="cart-summary-heading">
      <h2 id="cart-summary-heading">Summary</h2>
      <CartTotals cart={cart} showItemCount />
      {blocked.length > 0 ? (
        <p className="notice" id="cart-blocked">
          Remove the lines marked out of stock or no longer available, or lower their quantity, to check out.
        </p>
      ) : signedIn ? (
        <Link to="/checkout" className="button button-primary">
          Checkout
        </Link>
      ) : (
        <>
          <Link to={`/signin?next=${encodeURIComponent('/checkout')}`} className="button button-primary">
            Checkout
          </Link>
          <p className="field-hint">
            You sign in, or{' '}
            <Link to={`/signup?next=${encodeURIComponent('/checkout')}`}>create an account</Link>, first; your
            cart comes with you.
          </p>
        </>
      )}
    </section>
  );
}

/**
 * The cart, signed in or out (the anonymous cart lives in a cookie; the API folds it into the
 * person's cart on their first signed-in call, so the cart is read again whenever who is
 * signed in changes).
 */
export default function CartPage() {
  usePageTitle('Cart');
  const session = useSession();
  const cart = useApi(() => unwrap(api.GET('/api/v1/cart')), [session?.userId]);
  const changed = () => {
    cart.reload();
    void refreshCartCount();
  };

  if (cart.status === 'failed' && !cart.data) {
    return (
      <section>
        <h1>Your cart</h1>
        <ErrorMessage error={cart.error} onRetry={cart.reload} />
      </section>
    );
  }
  if (!cart.data) return <Loading label="Loading your cart…" />;
  if (cart.data.items.length === 0) {
    return (
      <section>
        <h1>Your cart</h1>
        <Empty title="Your cart is empty">
          <p>
            <Link to="/">Find something you like</Link>
          </p>
        </Empty>
      </section>
    );
  }
  return (
    <section className="cart-page">
      <h1>Your cart</h1>
      {cart.status === 'failed' ? <ErrorMessage error={cart.error} onRetry={cart.reload} /> : null}
      <ul className="cart-lines" aria-label="Items in your cart">
        {cart.data.items.map((line) => (
          <CartLineItem key={line.item_id} line={line} onChanged={changed} />
        ))}
      </ul>
      <CartSummary cart={cart.data} signedIn={session !== null} />
    </section>
  );
}
