import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { StockBadge } from '../../components/stock-badge';
import { Link, usePageTitle } from '../../router';
import { type Count, countWords, ordersToShip, productFigures, returnsToReview } from './dashboard-figures';
import { SellerArea } from './seller-area';

function Figure({ label, to, children }: { label: string; to: string; children: ReactNode }) {
  const content = (
    <>
      <span className="seller-figure-value">{children}</span>{' '}
      <span className="seller-figure-label">{label}</span>
    </>
  );
  return (
    <li className="seller-figure">
      {/* An anchor in this page is a plain link: the router would scroll to the top. */}
      {to.startsWith('#') ? <a href={to}>{content}</a> : <Link to={to}>{content}</Link>}
    </li>
  );
}

/** `label` is `[one, many]` when the words change with the count ("1 draft", "2 drafts"). */
function CountFigure({
  label,
  to,
  count,
}: {
  label: string | readonly [one: string, many: string];
  to: string;
  count: Count | undefined;
}) {
  const words = typeof label === 'string' ? label : count?.count === 1 && !count.more ? label[0] : label[1];
  return (
    <Figure label={words} to={to}>
      {count ? countWords(count) : '…'}
    </Figure>
  );
}

function LowStock({ figures }: { figures: Awaited<ReturnType<typeof productFigures>> }) {
  if (figures.lowStock.count === 0) return <p>Every published product is well stocked.</p>;
  return (
    <>
      <ul className="seller-low-stock">
        {figures.lowStockShown.map((product) => (
          <li key={product.product_id}>
            <Link to={`/seller/products/${encodeURIComponent(product.product_id)}`}>{product.title}</Link>{' '}
            <StockBadge status={product.stock_status} />
          </li>
        ))}
      </ul>
      {figures.lowStock.count > figures.lowStockShown.length || figures.lowStock.more ? (
        <p>
          <Link to="/seller/products?status=out_of_stock">See every product out of stock</Link>
        </p>
      ) : null}
    </>
  );
}

function Overview() {
  usePageTitle('Seller dashboard');
  const me = useApi(() => unwrap(api.GET('/api/v1/me')), []);
  const products = useApi(productFigures, []);
  const orders = useApi(ordersToShip, []);
  const returns = useApi(returnsToReview, []);

  return (
    <section>
      <h1>Seller dashboard</h1>
      <p>
        {me.data?.store_name ? `${me.data.store_name}: your store at a glance.` : 'Your store at a glance.'}
      </p>
      {products.status === 'failed' ? (
        <ErrorMessage error={products.error} onRetry={products.reload} />
      ) : null}
      {orders.status === 'failed' ? <ErrorMessage error={orders.error} onRetry={orders.reload} /> : null}
      {returns.status === 'failed' ? <ErrorMessage error={returns.error} onRetry={returns.reload} /> : null}
      <ul className="seller-figures-list">
        <CountFigure label={['product', 'products']} to="/seller/products" count={products.data?.all} />
        <CountFigure
          label={['draft', 'drafts']}
          to="/seller/products?status=draft"
          count={products.data?.drafts}
        />
        <CountFigure label={['order to ship', 'orders to ship']} to="/seller/orders" count={orders.data} />
        <CountFigure
          label={['return to review', 'returns to review']}
          to="/seller/returns"
          count={returns.data}
        />
        <CountFigure label="low on stock" to="#seller-low-stock" count={products.data?.lowStock} />
      </ul>
      <p>
        <Link to="/seller/products/new" className="button button-primary">
          Add a product
        </Link>
      </p>
      <h2 id="seller-low-stock">Low on stock</h2>
      {products.data ? <LowStock figures={products.data} /> : <Loading label="Checking stock…" />}
    </section>
  );
}

export default function SellerDashboardPage() {
  return (
    <SellerArea>
      <Overview />
    </SellerArea>
  );
}
