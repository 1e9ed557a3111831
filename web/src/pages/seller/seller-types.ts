import type { operations } from '../../api/schema';

/** The JSON body a successful call of `Op` answers with. */
type Answer<Op extends keyof operations> = operations[Op]['responses'] extends {
  200: { content: { 'application/json': infer Body } };
}
  ? Body
  : operations[Op]['responses'] extends { 201: { content: { 'application/json': infer Body } } }
    ? Body
    : never;

/** A product as its seller sees it (drafts and deleted ones too). */
export type SellerProduct = Answer<'GetSellerProduct'>;
export type SellerProductStatus = SellerProduct['status'];
export type SellerProductImage = SellerProduct['images'][number];
/** The product's stock: available, reserved, sold, and the low-stock threshold. */
export type SellerStock = Answer<'GetStock'>;
/** An order as its seller sees it: their lines and shipments only. */
export type SellerOrder = Answer<'ListSellerOrders'>['items'][number];
export type SellerOrderStatus = SellerOrder['status'];
export type CategoryTree = Answer<'ListCategories'>['categories'];

/**
 * Bazaar sells in one currency (shared/money.ts); the seller's order and return views carry
 * amounts in cents without repeating it.
 */
export const SHOP_CURRENCY = 'USD';
/** A return of the seller's lines, to review and accept. */
export type SellerReturn = Answer<'ListSellerReturns'>['items'][number];
