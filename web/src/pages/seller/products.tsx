import { api, unwrap } from '../../api/client';
import { pageQuery, useCursorList } from '../../api/use-cursor-list';
import { CursorListView } from '../../components/cursor-list-view';
import { Empty } from '../../components/empty';
import { Money } from '../../components/money';
import { StockBadge } from '../../components/stock-badge';
import { Link, usePageTitle, useRoute } from '../../router';
import { SellerArea } from './seller-area';
import type { SellerProduct, SellerProductStatus } from './seller-types';
import { filterFrom, SellerStatusFilter } from './status-filter';

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
  const status = filterFrom(FILTERS, query.get('status'), '') || undefined;
  const deleted = query.get('deleted') === '1';
  usePageTitle('Your products');
  const list = useCursorList(
    (cursor) =>
      unwrap(
        api.GET('/api/v1/seller/products', { params: { query: pageQuery(PAGE_SIZE, { status }, cursor) } }),
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
      <CursorListView
        list={list}
        loadingLabel="Loading your products…"
        empty={
          <Empty
            title={status ? `No ${PRODUCT_STATUS_WORDS[status].toLowerCase()} products.` : 'No products yet.'}
          >
            <p>
              <Link to="/seller/products/new">List your first product</Link>
            </p>
          </Empty>
        }
        className="seller-rows"
        moreLabel="Show more products"
      >
        {(product) => <ProductRow key={product.product_id} product={product} />}
      </CursorListView>
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
