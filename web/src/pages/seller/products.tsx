import { api, unwrap } from '../../api/client';
import { Button } from '../../components/button';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { Money } from '../../components/money';
import { StockBadge } from '../../components/stock-badge';
import { Link, usePageTitle, useRoute } from '../../router';
import { SellerArea } from './seller-area';
import type { SellerProduct, SellerProductStatus } from './seller-types';
import { SellerStatusFilter } from './status-filter';
import { useCursorList } from './use-cursor-list';

const PAGE_SIZE = '24';

const FILTERS = [
  ['', 'All'],
  ['active', 'Published'],
  ['draft', 'Drafts'],
  ['out_of_stock', 'Out of stock'],
  ['deleted', 'Deleted'],
] as const;

export const PRODUCT_STATUS_WORDS: Record<SellerProductStatus, string> = {
  active: 'Published',
  draft: 'Draft',
  out_of_stock: 'Out of stock',
  deleted: 'Deleted',
};

function statusOf(value: string | null): SellerProductStatus | undefined {
  return FILTERS.some(([status]) => status && status === value) ? (value as SellerProductStatus) : undefined;
}

function ProductRow({ product }: { product: SellerProduct }) {
  const image = product.images[0];
  return (
    <li className="seller-row">
      {image ? (
        <img src={image.url} alt="" width={64} height={64} className="seller-thumb" loading="lazy" />
      ) : (
        <span className="seller-thumb seller-thumb-empty" aria-hidden="true" />
      )}
      <div className="seller-row-main">
        <h2 className="seller-row-title">
          <Link to={`/seller/products/${encodeURIComponent(product.product_id)}`}>{product.title}</Link>
        </h2>
        <p className="seller-row-meta">
          <span className={`seller-status seller-status-${product.status}`}>
            {PRODUCT_STATUS_WORDS[product.status]}
          </span>
          <Money
            cents={product.price_cents}
            currency={product.currency}
            compareAtCents={product.compare_at_price_cents}
          />
          {product.status === 'out_of_stock' ? null : <StockBadge status={product.stock_status} />}
          <span>
            {product.images.length} image{product.images.length === 1 ? '' : 's'}
          </span>
        </p>
      </div>
    </li>
  );
}

function ProductList() {
  const { query } = useRoute();
  const status = statusOf(query.get('status'));
  const deleted = query.get('deleted') === '1';
  usePageTitle('Your products');
  const list = useCursorList(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/seller/products', {
          params: {
            query: { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [status],
  );

  return (
    <section>
      <div className="seller-title-row">
        <h1>Your products</h1>
        <Link to="/seller/products/new" className="button button-primary">
          Add a product
        </Link>
      </div>
      {deleted ? <p className="seller-notice">The product was deleted.</p> : null}
      <SellerStatusFilter
        label="Filter products by status"
        options={FILTERS}
        current={status ?? ''}
        hrefOf={(value) => (value ? `/seller/products?status=${value}` : '/seller/products')}
      />
      {list.loading ? <Loading label="Loading your products…" /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <Empty
          title={status ? `No ${PRODUCT_STATUS_WORDS[status].toLowerCase()} products.` : 'No products yet.'}
        >
          <p>
            <Link to="/seller/products/new">List your first product</Link>
          </p>
        </Empty>
      ) : null}
      {list.items.length ? (
        <ul className="seller-rows">
          {list.items.map((product) => (
            <ProductRow key={product.product_id} product={product} />
          ))}
        </ul>
      ) : null}
      {list.error ? (
        <ErrorMessage error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} />
      ) : null}
      {list.hasMore && !list.loading ? (
        <Button variant="secondary" busy={list.loadingMore} onClick={list.loadMore}>
          Show more products
        </Button>
      ) : null}
    </section>
  );
}

export default function SellerProductsPage() {
  return (
    <SellerArea>
      <ProductList />
    </SellerArea>
  );
}
