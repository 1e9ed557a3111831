import type { ReturnSummary } from './order';
import type { OrdersDeps } from './service';

/** A seller's orders (their lines only), newest first, optionally of one status. */
export async function listSellerOrders(
  sellerId: string,
  options: { limit: number; cursor?: string; status?: string },
  deps: Pick<OrdersDeps, 'orders'>,
) {
  const page = await deps.orders.listForSeller(sellerId, options);
  return { items: page.items, nextCursor: page.nextCursor };
}

/**
 * The returns of a seller's lines, newest first, optionally of one status: what the seller
 * reviews before accepting. Only the seller's own: the list is keyed by the seller a return
 * was made to.
 */
export async function listSellerReturns(
  sellerId: string,
  options: { limit: number; cursor?: string; status?: ReturnSummary['status'] },
  deps: Pick<OrdersDeps, 'orders'>,
) {
  return deps.orders.listReturnsForSeller(sellerId, options);
}
