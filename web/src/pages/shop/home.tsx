import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { ProductGrid, type ProductSummary } from '../../components/product-card';
import { Link, usePageTitle } from '../../router';
import './shop.css';

const SHOWN = 8;

function Categories() {
  const categories = useApi(() => unwrap(api.GET('/api/v1/categories')), []);
  if (categories.status === 'failed')
    return <ErrorMessage error={categories.error} onRetry={categories.reload} />;
  if (!categories.data) return <Loading label="Loading categories…" />;
  return (
    <ul className="category-list">
      {categories.data.categories.map((category) => (
        <li key={category.slug}>
          <Link to={`/search?category=${encodeURIComponent(category.slug)}`}>{category.name}</Link>
        </li>
      ))}
    </ul>
  );
}

/** A home section: its heading, a "see all" link when there is a page of them, and the grid. */
function Shelf({
  id,
  title,
  more,
  state,
  empty,
}: {
  id: string;
  title: string;
  more?: { to: string; label: string };
  state: { status: string; data?: ProductSummary[]; error?: unknown; reload(): void };
  empty: ReactNode;
}) {
  let body: ReactNode;
  if (state.status === 'failed') body = <ErrorMessage error={state.error} onRetry={state.reload} />;
  else if (!state.data) body = <Loading label={`Loading ${title.toLowerCase()}…`} />;
  else if (state.data.length === 0) body = empty;
  else body = <ProductGrid products={state.data} />;
  return (
    <section aria-labelledby={id} className="home-section">
      <div className="home-section-head">
        <h2 id={id}>{title}</h2>
        {more && state.data?.length ? <Link to={more.to}>{more.label}</Link> : null}
      </div>
      {body}
    </section>
  );
}

function OnSale() {
  const state = useApi(
    async () =>
      (
        await unwrap(
          api.GET('/api/v1/products', {
            // A sale of something sold out is no offer: the shelf shows what can be bought.
            params: {
              query: { on_sale: 'true', in_stock: 'true', sort: 'rating', page_size: String(SHOWN) },
            },
          }),
        )
      ).results,
    [],
  );
  return (
    <Shelf
      id="home-sale"
      title="On sale"
      more={{ to: '/search?on_sale=true', label: 'Everything on sale' }}
      state={state}
      empty={<Empty title="Nothing is on sale right now">Come back soon.</Empty>}
    />
  );
}

function BestSellers() {
  const state = useApi(
    async () =>
      (
        await unwrap(
          api.GET('/api/v1/products/best-sellers', { params: { query: { limit: String(SHOWN) } } }),
        )
      ).items,
    [],
  );
  return (
    <Shelf
      id="home-best"
      title="Best sellers"
      state={state}
      empty={<Empty title="No best sellers yet">They appear here once people start buying.</Empty>}
    />
  );
}

function NewArrivals() {
  const state = useApi(
    async () =>
      (
        await unwrap(
          api.GET('/api/v1/products', { params: { query: { sort: 'newest', page_size: String(SHOWN) } } }),
        )
      ).results,
    [],
  );
  return (
    <Shelf
      id="home-new"
      title="New arrivals"
      more={{ to: '/search?sort=newest', label: 'All new arrivals' }}
      state={state}
      empty={<Empty title="No products yet">Sellers have not listed anything.</Empty>}
    />
  );
}

/** The home page: the departments, what is on sale, what sells best, and what is new. */
export default function HomePage() {
  usePageTitle('');
  return (
    <>
      <section className="home-intro">
        <h1>Independent sellers, one cart</h1>
        <p>Thousands of products from shops across Bazaar, delivered by the people who make and sell them.</p>
      </section>
      <section aria-labelledby="home-categories" className="home-section">
        <h2 id="home-categories">Shop by category</h2>
        <Categories />
      </section>
      <OnSale />
      <BestSellers />
      <NewArrivals />
    </>
  );
}
