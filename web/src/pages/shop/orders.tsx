import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useCursorList } from '../../api/use-cursor-list';
import { orderStatusLabel } from '../../buying/order-status';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Money } from '../../components/money';
import { Link, usePageTitle } from '../../router';
import { DateTime } from './order-timeline';

const loadOrders = (cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/orders', { params: { query: { limit: '20', ...(cursor ? { cursor } : {}) } } }));

/** The person's orders, newest first. */
export default function OrdersPage() {
  usePageTitle('Your orders');
  const orders = useCursorList(loadOrders, []);

  let body: ReactNode;
  if (orders.items === null) {
    body = orders.error ? (
      <ErrorMessage error={orders.error} onRetry={orders.retry} />
    ) : (
      <Loading label="Loading your orders…" />
    );
  } else if (orders.items.length === 0) {
    body = (
      <Empty title="You have not ordered anything yet">
        <p>
          <Link to="/">Start shopping</Link>
        </p>
      </Empty>
    );
  } else {
    body = (
      <>
        <ul className="order-list">
          {orders.items.map((order) => (
            <li key={order.order_id} className="order-summary">
              <Link to={`/orders/${order.order_id}`} className="order-summary-link">
                Order {order.order_id}
              </Link>
              <span>
                <DateTime at={order.ordered_at} />
              </span>
              <span>
                {order.item_count} item{order.item_count === 1 ? '' : 's'},{' '}
                <Money cents={order.total_cents} currency={order.currency} />
              </span>
              <strong className={`status status-${order.status}`}>{orderStatusLabel(order.status)}</strong>
            </li>
          ))}
        </ul>
        {orders.error ? <ErrorMessage error={orders.error} onRetry={orders.retry} /> : null}
        {orders.hasMore ? (
          <Button variant="secondary" busy={orders.loading} onClick={orders.more}>
            Show older orders
          </Button>
        ) : null}
      </>
    );
  }
  return (
    <section>
      <h1>Your orders</h1>
      {body}
    </section>
  );
}
