import { Link } from '../router';
import { Money } from './money';
import { Stars } from './stars';
import { StockBadge } from './stock-badge';

/** A product as listings and search results show it (the fields both answers share). */
export interface ProductSummary {
  product_id: string;
  title: string;
  price_cents: number;
  currency: string;
  compare_at_price_cents?: number | null;
  image: string | null;
  /** Recommendations carry no rating or stock: the card leaves them out. */
  rating?: number;
  review_count?: number;
  stock_status?: string;
}

/** One product of a grid: its image, title (the link), price, rating and stock. */
export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <li className="product-card">
      {product.image ? (
        <img src={product.image} alt="" loading="lazy" width={240} height={240} />
      ) : (
        <div className="product-card-noimage" aria-hidden="true" />
      )}
      <h3>
        <Link to={`/products/${encodeURIComponent(product.product_id)}`}>{product.title}</Link>
      </h3>
      <Money
        cents={product.price_cents}
        currency={product.currency}
        compareAtCents={product.compare_at_price_cents}
      />
      {product.review_count ? <Stars rating={product.rating ?? 0} count={product.review_count} /> : null}
      {product.stock_status ? <StockBadge status={product.stock_status} /> : null}
    </li>
  );
}

/** A grid of products; the headings inside are h3, under the section's h2. */
export function ProductGrid({ products }: { products: ProductSummary[] }) {
  return (
    <ul className="product-grid">
      {products.map((product) => (
        <ProductCard key={product.product_id} product={product} />
      ))}
    </ul>
  );
}
