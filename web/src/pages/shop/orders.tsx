import { api, unwrap } from '../../api/client';
import { pageQuery, useCursorList } from '../../api/use-cursor-list';
import { orderStatusLabel } from '../../buying/order-status';
import { CursorListView } from '../../components/cursor-list-view';
import { Empty } from '../../components/empty';
import { Money } from '../../components/money';
import { Link, usePageTitle } from '../../router';
import { DateTime } from './order-timeline';

const loadOrders = (cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/orders', { params: { query: pageQuery('20', {}, cursor) } }));

/** The person's orders, newest first. */
export default function OrdersPage() {
  usePageTitle('Your orders');
  const orders = useCursorList(loadOrders, []);
  return (
    <section>
      <h1>Your orders</h1>
      <CursorListView
        list={orders}
        loadingLabel="Loading your orders…"
        empty={
          <Empty title="You have not ordered anything yet">
            <p>
              <Link to="/">Start shopping</Link>
            </p>
          </Empty>
        }
        className="order-list"
        moreLabel="Show older orders"
      >
        {(order) => (
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
        )}
      </CursorListView>
    </section>
  );
}
