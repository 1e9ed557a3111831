import { fromCents, moneyFields } from '../../shared/money';
import { findCategory } from '../catalog/categories';
import type { SearchResponseType } from './schemas';
import { documentOnSale, type SearchIndex, type SearchSort } from './search-index';

export interface SearchRequest {
  q?: string;
  category?: string;
  min_price?: number;
  max_price?: number;
  min_rating?: number;
  in_stock?: boolean;
  on_sale?: boolean;
  sort: string;
  page: number;
  page_size: number;
}

/** Search and browse: the index answers, the response takes the spec's shape. */
export async function searchProducts(
  request: SearchRequest,
  index: SearchIndex,
): Promise<SearchResponseType> {
  const page = await index.search({
    q: request.q?.trim() || undefined,
    category: request.category,
    min_price_cents: request.min_price,
    max_price_cents: request.max_price,
    min_rating: request.min_rating,
    in_stock: request.in_stock,
    on_sale: request.on_sale,
    sort: request.sort as SearchSort,
    page: request.page,
    page_size: request.page_size,
  });
  return {
    results: page.results.map((document) => ({
      product_id: document.product_id,
      seller_id: document.seller_id,
      title: document.title,
      category: document.category,
      ...moneyFields('price', document.price_cents),
      ...moneyFields('compare_at_price', documentOnSale(document) ? document.compare_at_price_cents : null),
      currency: document.currency,
      image: document.image_url,
      rating: document.avg_rating,
      review_count: document.review_count,
      stock_status: document.stock_status,
      created_at: document.created_at,
    })),
    total: page.total,
    page: request.page,
    page_size: request.page_size,
    facets: {
      categories: page.facets.categories.map((facet) => ({
        slug: facet.slug,
        name: findCategory(facet.slug)?.name ?? facet.slug,
        count: facet.count,
      })),
      price_ranges: page.facets.price_ranges.map((range) => ({
        key: range.key,
        from: range.from_cents === null ? null : fromCents(range.from_cents),
        to: range.to_cents === null ? null : fromCents(range.to_cents),
        from_cents: range.from_cents,
        to_cents: range.to_cents,
        count: range.count,
      })),
      ratings: page.facets.ratings,
    },
  };
}

export async function suggest(
  prefix: string,
  limit: number,
  index: SearchIndex,
): Promise<{ suggestions: string[] }> {
  return { suggestions: await index.suggest(prefix, limit) };
}
