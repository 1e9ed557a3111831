import { api, unwrap } from '../../api/client';
import { unitsToShip } from './order-units';
import type { SellerProduct } from './seller-types';

/** A count, and whether there were more than were counted (shown as "100+"). */
export interface Count {
  count: number;
  more: boolean;
}

export interface ProductFigures {
  all: Count;
  drafts: Count;
  /** Published products at or under their low-stock threshold, or out of stock: to restock. */
  lowStock: Count;
  /** The first ten of them, newest first. */
  lowStockShown: SellerProduct[];
}

const PRODUCT_PAGE = 100;
/** The dashboard reads at most this many pages of products (1,000 products) for its counts. */
const PRODUCT_PAGES = 10;
const LOW_STOCK_SHOWN = 10;
const ORDER_PAGE = 50;

/**
 * The product figures, from the seller's product list (the API has no count): one pass over at
 * most 1,000 products, newest first.
 */
export async function productFigures(): Promise<ProductFigures> {
  let cursor: string | undefined;
  let all = 0;
  let drafts = 0;
  const lowStock: SellerProduct[] = [];
  for (let page = 0; page < PRODUCT_PAGES; page++) {
    const answer = await unwrap(
      api.GET('/api/v1/seller/products', {
        params: { query: { limit: String(PRODUCT_PAGE), ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const product of answer.items) {
      all += 1;
      if (product.status === 'draft') drafts += 1;
      else if (product.stock_status !== 'in_stock') lowStock.push(product);
    }
    cursor = answer.next_cursor ?? undefined;
    if (!cursor) break;
  }
  const more = cursor !== undefined;
  return {
    all: { count: all, more },
    drafts: { count: drafts, more },
    lowStock: { count: lowStock.length, more },
    lowStockShown: lowStock.slice(0, LOW_STOCK_SHOWN),
  };
}

/** Paid orders with units of the seller's still to ship (the first 50 paid orders). */
export async function ordersToShip(): Promise<Count> {
  const answer = await unwrap(
    api.GET('/api/v1/seller/orders', { params: { query: { status: 'paid', limit: String(ORDER_PAGE) } } }),
  );
  return {
    count: answer.items.filter((order) => unitsToShip(order) > 0).length,
    more: answer.next_cursor !== null,
  };
}

export function countWords(count: Count): string {
  return `${count.count}${count.more ? '+' : ''}`;
}

/** Returns waiting for the seller's review (the first 50). */
export async function returnsToReview(): Promise<Count> {
  const answer = await unwrap(
    api.GET('/api/v1/seller/returns', {
      params: { query: { status: 'requested', limit: String(ORDER_PAGE) } },
    }),
  );
  return { count: answer.items.length, more: answer.next_cursor !== null };
}
