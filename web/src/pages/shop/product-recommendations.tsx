import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ProductGrid, type ProductSummary } from '../../components/product-card';

const SHOWN = '8';

/**
 * Tells recommendations this product was viewed (popularity for everyone, history for a
 * signed-in shopper). A lost beacon costs nothing the shopper sees, so its failure is ignored.
 */
async function recordView(productId: string): Promise<void> {
  try {
    await api.POST('/api/v1/recommendations/views', { body: { product_id: productId } });
  } catch {
    // The network failed: the view is simply not counted.
  }
}

/** "Frequently bought together", from the product page's own answer. */
export function BoughtTogether({ products }: { products: ProductSummary[] }) {
  if (products.length === 0) return null;
  return (
    <section className="product-section" aria-labelledby="bought-together">
      <h2 id="bought-together">Frequently bought together</h2>
      <ProductGrid products={products} />
    </section>
  );
}

/**
 * After the view beacon has gone, what the shopper's browsing suggests, or the best sellers of
 * the product's category for a shopper with no history yet. Nothing shows when there is nothing.
 */
export function BrowsingRecommendations({ productId, category }: { productId: string; category: string }) {
  const recommended = useApi(async () => {
    await recordView(productId);
    return unwrap(api.GET('/api/v1/recommendations', { params: { query: { limit: SHOWN, category } } }));
  }, [productId, category]);
  const items = (recommended.data?.items ?? []).filter((item) => item.product_id !== productId);
  if (items.length === 0) return null;
  const heading =
    recommended.data?.basis === 'history' ? 'Based on your browsing' : 'Best sellers in this category';
  return (
    <section className="product-section" aria-labelledby="browsing-recommendations">
      <h2 id="browsing-recommendations">{heading}</h2>
      <ProductGrid products={items} />
    </section>
  );
}
