import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { operations } from '../../api/schema';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { ImageGallery } from '../../components/image-gallery';
import { Loading } from '../../components/loading';
import { Money } from '../../components/money';
import { Stars } from '../../components/stars';
import { StockBadge } from '../../components/stock-badge';
import { Link, usePageTitle, useRoute } from '../../router';
import { AddToCart } from './add-to-cart';
import { BoughtTogether, BrowsingRecommendations } from './product-recommendations';
import { ProductReviews } from './product-reviews';
import './shop.css';

type Product = operations['GetProduct']['responses'][200]['content']['application/json'];

function savingOf(product: Product): string | null {
  if (!product.on_sale || !product.compare_at_price_cents) return null;
  const percent = Math.round((1 - product.price_cents / product.compare_at_price_cents) * 100);
  return percent > 0 ? `Save ${percent}%` : null;
}

function ProductSummary({ product }: { product: Product }) {
  const saving = savingOf(product);
  return (
    <div className="product-summary">
      <h1>{product.title}</h1>
      {product.review_count > 0 ? (
        <p>
          <a href="#reviews-section" className="product-rating-link">
            <Stars rating={product.avg_rating} count={product.review_count} />
          </a>
        </p>
      ) : null}
      <p className="product-price">
        <Money
          cents={product.price_cents}
          currency={product.currency}
          compareAtCents={product.on_sale ? product.compare_at_price_cents : null}
        />
        {saving ? <span className="sale-tag">{saving}</span> : null}
      </p>
      <p>
        <StockBadge status={product.stock_status} />
      </p>
      <AddToCart productId={product.product_id} />
      {product.description ? <p className="product-description">{product.description}</p> : null}
      <p>
        <Link to={`/search?category=${encodeURIComponent(product.category)}`}>More in this category</Link>
      </p>
    </div>
  );
}

function NotFound() {
  return (
    <>
      <h1>Product not found</h1>
      <p>
        It may have been taken off sale. <Link to="/search">Browse all products</Link>
      </p>
    </>
  );
}

/**
 * A product page: gallery, price (with the compare-at price struck through on sale), stock,
 * add to cart, what is bought with it, reviews, and recommendations from browsing (whose view
 * beacon this page sends).
 */
export default function ProductPage() {
  const { params } = useRoute();
  const productId = params.id ?? '';
  const page = useApi(
    () => unwrap(api.GET('/api/v1/products/{product_id}', { params: { path: { product_id: productId } } })),
    [productId],
  );
  const product = page.data?.product_id === productId ? page.data : undefined;
  usePageTitle(product?.title ?? 'Product');
  if (page.status === 'failed') {
    const missing =
      page.error instanceof ApiError && (page.error.status === 404 || page.error.status === 400);
    return missing ? <NotFound /> : <ErrorMessage error={page.error} onRetry={page.reload} />;
  }
  if (!product) return <Loading label="Loading the product…" />;
  // Keyed by product: going from one product to another starts its gallery, cart form and reviews afresh.
  return (
    <div className="product-page" key={product.product_id}>
      <div className="product-top">
        <ImageGallery images={product.images} title={product.title} />
        <ProductSummary product={product} />
      </div>
      <BoughtTogether products={product.frequently_bought_together ?? []} />
      {product.reviews ? <ProductReviews productId={product.product_id} summary={product.reviews} /> : null}
      <BrowsingRecommendations productId={product.product_id} category={product.category} />
    </div>
  );
}
