import { useEffect } from 'react';
import { ApiError } from '../../api/errors';
import type { OrderView } from '../../buying/api-types';
import { useLiveOrder } from '../../buying/live-order';
import { failureMessage, isPaymentFailure, orderStatusLabel } from '../../buying/order-status';
import { cardName } from '../../buying/test-cards';
import { refreshCartCount } from '../../cart';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Money } from '../../components/money';
import { Link, usePageTitle, useRoute } from '../../router';
import { CancelOrder, canCancel } from './order-cancel';
import { ReturnLines } from './order-return';
import { OrderShipments } from './order-shipments';
import { DateTime, OrderTimeline } from './order-timeline';

/** The paid order's cart clean-up runs on its event, moments after: the header's count follows it. */
function useCartCountAfterPayment(status: string | undefined) {
  useEffect(() => {
    if (status !== 'paid') return;
    const timers = [0, 1500, 4000, 8000].map((delay) => setTimeout(() => void refreshCartCount(), delay));
    return () => timers.forEach(clearTimeout);
  }, [status]);
}

function OrderTotals({ order }: { order: OrderView }) {
  return (
    <dl className="totals">
      <dt>Subtotal</dt>
      <dd>
        <Money cents={order.subtotal_cents} currency={order.currency} />
      </dd>
      <dt>Shipping</dt>
      <dd>
        {order.shipping_cents === 0 ? (
          'Free'
        ) : (
          <Money cents={order.shipping_cents} currency={order.currency} />
        )}
      </dd>
      <dt className="total">Total</dt>
      <dd className="total">
        <Money cents={order.total_cents} currency={order.currency} />
      </dd>
      {order.refunded_cents > 0 ? (
        <>
          <dt>Refunded</dt>
          <dd>
            <Money cents={order.refunded_cents} currency={order.currency} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function OrderFacts({ order }: { order: OrderView }) {
  const address = order.shipping_address;
  const method = order.payment_method;
  return (
    <section aria-labelledby="order-facts-heading">
      <h2 id="order-facts-heading">Delivery and payment</h2>
      <p>
        Ship to {address.name},{' '}
        {[address.line1, address.line2, address.city, address.region, address.postal_code]
          .filter(Boolean)
          .join(', ')}
        , {address.country}
      </p>
      <p>Estimated delivery: {order.estimated_delivery}</p>
      <p>Paid with {method.type === 'wallet' ? 'your wallet' : cardName(method)}</p>
      <OrderTotals order={order} />
    </section>
  );
}

function OrderState({ order }: { order: OrderView }) {
  return (
    <>
      <p className="order-status" role="status">
        Status: <strong className={`status status-${order.status}`}>{orderStatusLabel(order.status)}</strong>
        {order.status === 'pending' ? ' — taking payment; this page updates by itself.' : null}
      </p>
      {order.status === 'failed' ? (
        <div className="error-message" role="alert">
          <p>{failureMessage(order.failure_reason)}</p>
          <p>
            {isPaymentFailure(order.failure_reason) ? (
              <Link to="/checkout">Back to checkout</Link>
            ) : (
              <Link to="/cart">Go to your cart</Link>
            )}
          </p>
        </div>
      ) : null}
    </>
  );
}

export default function OrderPage() {
  const { params } = useRoute();
  const orderId = params.id ?? '';
  usePageTitle(`Order ${orderId}`);
  const { order, error, retry, replace } = useLiveOrder(orderId);
  useCartCountAfterPayment(order?.status);

  if (!order) {
    if (!error) return <Loading label="Loading the order…" />;
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <section>
        <h1>Order</h1>
        <ErrorMessage
          error={missing ? 'There is no such order of yours.' : error}
          onRetry={missing ? undefined : retry}
        />
        <p>
          <Link to="/orders">Your orders</Link>
        </p>
      </section>
    );
  }
  return (
    <article className="order-page">
      <h1>Order {order.order_id}</h1>
      <p>
        Placed <DateTime at={order.ordered_at} />
      </p>
      {error ? <ErrorMessage error={error} onRetry={retry} /> : null}
      <OrderState order={order} />
      <OrderShipments order={order} />
      <OrderFacts order={order} />
      <OrderTimeline order={order} />
      {canCancel(order) ? <CancelOrder order={order} onCancelled={replace} /> : null}
      {order.status === 'delivered' ? <ReturnLines order={order} /> : null}
      <p>
        <Link to="/orders">All your orders</Link>
      </p>
    </article>
  );
}
