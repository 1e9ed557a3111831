import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { usePageTitle, useRoute } from '../../router';
import { SellerArea } from './seller-area';
import { SellerOrderCard } from './seller-order-card';
import type { SellerOrderStatus } from './seller-types';
import { SellerStatusFilter } from './status-filter';
import { useCursorList } from './use-cursor-list';

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

function filterOf(value: string | null): string {
  return FILTERS.some(([filter]) => filter === value) ? (value as string) : 'paid';
}

function OrderList() {
  const { query } = useRoute();
  const filter = filterOf(query.get('status'));
  const status = filter === 'all' ? undefined : (filter as SellerOrderStatus);
  usePageTitle('Orders');
  const list = useCursorList(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/seller/orders', {
          params: {
            query: { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
          },
        }),
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
      {list.loading ? <Loading label="Loading orders…" /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Empty title={EMPTY_WORDS[filter] ?? ''} />
      ) : null}
      {list.items.length ? (
        <ul className="seller-orders">
          {list.items.map((order) => (
            <SellerOrderCard
              key={order.order_id}
              order={order}
              onChange={(next) => list.replace((item) => item.order_id === next.order_id, next)}
            />
          ))}
        </ul>
      ) : null}
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} />
      ) : null}
      {list.hasMore && !list.loading ? (
        <Button variant="secondary" busy={list.loadingMore} onClick={list.loadMore}>
          Show more orders
        </Button>
      ) : null}
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
