import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { pageQuery, useCursorList } from '../../api/use-cursor-list';
import { CursorListView } from '../../components/cursor-list-view';
import { Empty } from '../../components/empty';
import { usePageTitle, useRoute } from '../../router';
import { SellerArea } from './seller-area';
import { SellerReturnCard } from './seller-return-card';
import type { SellerReturn } from './seller-types';
import { filterFrom, SellerStatusFilter } from './status-filter';

const PAGE_SIZE = '20';

const FILTERS = [
  ['requested', 'To review'],
  ['accepted', 'Accepted'],
  ['all', 'All'],
] as const;

const EMPTY_WORDS: Record<string, string> = {
  requested: 'No returns to review.',
  accepted: 'No accepted returns yet.',
  all: 'No returns yet.',
};

/**
 * The titles of the products the returns name (a return lists product ids only), read once
 * each from the seller's own products; an id whose read fails is shown as it is.
 */
function useProductTitles(returns: SellerReturn[]): ReadonlyMap<string, string> {
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = [...new Set(returns.flatMap((request) => request.items.map((item) => item.product_id)))]
    .filter((id) => !titles.has(id))
    .join(',');
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const reads = wanted.split(',').map((productId) =>
      unwrap(
        api.GET('/api/v1/seller/products/{product_id}', { params: { path: { product_id: productId } } }),
      ).then(
        (product) => [productId, product.title] as const,
        () => [productId, productId] as const,
      ),
    );
    void Promise.all(reads).then((found) => {
      if (current) setTitles((known) => new Map([...known, ...found]));
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  return titles;
}

function ReturnList() {
  const { query } = useRoute();
  const filter = filterFrom(FILTERS, query.get('status'), 'requested');
  const status = filter === 'all' ? undefined : (filter as SellerReturn['status']);
  usePageTitle('Returns');
  const list = useCursorList(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/seller/returns', { params: { query: pageQuery(PAGE_SIZE, { status }, cursor) } }),
      ),
    [status],
  );
  const titles = useProductTitles(list.items);

  return (
    <section>
      <h1>Returns</h1>
      <p>Buyers return delivered units within the return window. Accepting refunds them.</p>
      <SellerStatusFilter
        label="Filter returns by status"
        options={FILTERS}
        current={filter}
        hrefOf={(value) => (value === 'requested' ? '/seller/returns' : `/seller/returns?status=${value}`)}
      />
      <CursorListView
        list={list}
        loadingLabel="Loading returns…"
        empty={<Empty title={EMPTY_WORDS[filter] ?? ''} />}
        className="seller-orders"
        moreLabel="Show more returns"
      >
        {(request) => (
          <SellerReturnCard
            key={request.return_id}
            request={request}
            titles={titles}
            onChange={(next) => list.replace((item) => item.return_id === next.return_id, next)}
          />
        )}
      </CursorListView>
    </section>
  );
}

export default function SellerReturnsPage() {
  return (
    <SellerArea>
      <ReturnList />
    </SellerArea>
  );
}
