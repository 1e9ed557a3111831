import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Empty } from '../../components/empty';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { ProductGrid } from '../../components/product-card';
import { Link, usePageTitle } from '../../router';

const NEW_ARRIVALS = 12;

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

function NewArrivals() {
  const products = useApi(
    () =>
      unwrap(
        api.GET('/api/v1/products', {
          params: { query: { sort: 'newest', page_size: String(NEW_ARRIVALS) } },
        }),
      ),
    [],
  );
  if (products.status === 'failed') return <ErrorMessage error={products.error} onRetry={products.reload} />;
  if (!products.data) return <Loading label="Loading products…" />;
  if (products.data.results.length === 0)
    return <Empty title="No products yet">Sellers have not listed anything.</Empty>;
  return <ProductGrid products={products.data.results} />;
}

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
      <section aria-labelledby="home-new" className="home-section">
        <h2 id="home-new">New arrivals</h2>
        <NewArrivals />
      </section>
    </>
  );
}
