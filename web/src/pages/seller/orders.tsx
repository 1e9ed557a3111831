import { api, unwrap } from '../../api/client';
import { pageQuery, useCursorList } from '../../api/use-cursor-list';
import { CursorListView } from '../../components/cursor-list-view';
import { Empty } from '../../components/empty';
import { usePageTitle, useRoute } from '../../router';
import { SellerArea } from './seller-area';
import { SellerOrderCard } from './seller-order-card';
import type { SellerOrderStatus } from './seller-types';
import { filterFrom, SellerStatusFilter } from './status-filter';

const PAGE_SIZE = '20';

/** "To ship" (paid) first: the list a seller opens this page for. "all" asks for every status. */
const FILTERS = [
  ['paid', 'To ship'],
  ['shipped', 'Shipped'],
  ['delivered', 'Delivered'],
  ['all', 'All'],
] as const;

const EMPTY_WORDS: Record<string, string> = {
  paid: 'No orders to ship.',
  shipped: 'No orders on their way.',
  delivered: 'No delivered orders yet.',
  all: 'No orders yet.',
};

function OrderList() {
  const { query } = useRoute();
  const filter = filterFrom(FILTERS, query.get('status'), 'paid');
  const status = filter === 'all' ? undefined : (filter as SellerOrderStatus);
  usePageTitle('Orders');
  const list = useCursorList(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/seller/orders', { params: { query: pageQuery(PAGE_SIZE, { status }, cursor) } }),
      ),
    [status],
  );

  return (
    <section>
      <h1>Orders</h1>
      <p>Each order shows your lines only; it is shipped once every seller in it has shipped.</p>
      <SellerStatusFilter
        label="Filter orders by status"
        options={FILTERS}
        current={filter}
        hrefOf={(value) => (value === 'paid' ? '/seller/orders' : `/seller/orders?status=${value}`)}
      />
      <CursorListView
        list={list}
        loadingLabel="Loading orders…"
        empty={<Empty title={EMPTY_WORDS[filter] ?? ''} />}
        className="seller-orders"
        moreLabel="Show more orders"
      >
        {(order) => (
          <SellerOrderCard
            key={order.order_id}
            order={order}
            onChange={(next) => list.replace((item) => item.order_id === next.order_id, next)}
          />
        )}
      </CursorListView>
    </section>
  );
}

export default function SellerOrdersPage() {
  return (
    <SellerArea>
      <OrderList />
    </SellerArea>
  );
}
