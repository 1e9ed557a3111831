import type { TransactItem } from '../../shared/guarded-transaction';
import type { OrderRecord, OrderStatus, ReturnSummary, ShipmentItem } from './order';

type Item = Record<string, unknown>;

/*
 * The orders table's items for sellers, each a copy of part of an order written in the same
 * transaction as the order's change (the repository's keys for them, kept beside it).
 */

/** Statuses a seller sees an order in: from the moment it is paid. */
const SELLER_VISIBLE: ReadonlySet<OrderStatus> = new Set([
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
]);

/**
 * One item per seller of a paid order, holding that seller's lines and shipments: the
 * seller's order list reads these, never another seller's lines. Rewritten with every change
 * of the order, in the same transaction.
 */
export function sellerViewItems(tableName: string, order: OrderRecord): TransactItem[] {
  if (!SELLER_VISIBLE.has(order.status)) return [];
  const sellers = [...new Set(order.lines.map((line) => line.sellerId))];
  return sellers.map((sellerId) => ({
    Put: {
      TableName: tableName,
      Item: {
        pk: `SELLER#${sellerId}`,
        sk: `ORDER#${order.orderedAt}#${order.orderId}`,
        type: 'SELLER_ORDER',
        order_id: order.orderId,
        seller_id: sellerId,
        status: order.status,
        ordered_at: order.orderedAt,
        updated_at: order.updatedAt,
        currency: order.currency,
        shipping_address: order.shippingAddress,
        lines: order.lines.filter((line) => line.sellerId === sellerId),
        shipments: order.shipments.filter((shipment) => shipment.sellerId === sellerId),
      },
    },
  }));
}

/**
 * Return items: one per
 * return, `RETURN#<id>`, which finds a return's order by its id and, through the sparse
 * `BySellerReturn` index (`return_seller`, `return_created`), lists a seller's returns newest
 * first. The order item holds the returns themselves; each return item is a copy, rewritten in
 * the same transaction as every change of its return, so a listing never shows a status the
 * order does not have.
 */
export const SELLER_RETURNS_INDEX = 'BySellerReturn';

export const returnKey = (returnId: string) => ({ pk: `RETURN#${returnId}`, sk: 'RETURN' });

/** A seller's return as listed: the order it belongs to, and the return as the order holds it. */
export interface SellerReturn {
  orderId: string;
  request: ReturnSummary;
}

function toItem(orderId: string, request: ReturnSummary): Item {
  return {
    ...returnKey(request.returnId),
    type: 'RETURN',
    return_id: request.returnId,
    order_id: orderId,
    seller_id: request.sellerId,
    return_seller: request.sellerId,
    // The id after the time keeps returns made in the same millisecond in one order.
    return_created: `${request.createdAt}#${request.returnId}`,
    items: request.items.map((item) => ({ product_id: item.productId, quantity: item.quantity })),
    reason: request.reason,
    status: request.status,
    amount_cents: request.amountCents,
    resellable: request.resellable,
    created_at: request.createdAt,
    accepted_at: request.acceptedAt,
  };
}

export function sellerReturnOf(item: Item): SellerReturn {
  return {
    orderId: item.order_id as string,
    request: {
      returnId: item.return_id as string,
      sellerId: item.seller_id as string,
      items: (item.items as Array<{ product_id: string; quantity: number }>).map(
        (entry): ShipmentItem => ({ productId: entry.product_id, quantity: entry.quantity }),
      ),
      reason: item.reason as string,
      status: item.status as ReturnSummary['status'],
      amountCents: item.amount_cents as number,
      resellable: (item.resellable as boolean | null | undefined) ?? null,
      createdAt: item.created_at as string,
      acceptedAt: (item.accepted_at as string | null | undefined) ?? null,
    },
  };
}

/**
 * The writes that keep the return items true to a change of an order: a new return's item
 * (refused if its id is taken), and a changed return's item rewritten. Returns unchanged since
 * `read` are not written, so a transition carries only the returns it touches.
 */
export function returnItemWrites(
  tableName: string,
  read: { returns: ReturnSummary[] },
  next: { orderId: string; returns: ReturnSummary[] },
): TransactItem[] {
  const before = new Map(read.returns.map((request) => [request.returnId, request]));
  return next.returns.flatMap((request): TransactItem[] => {
    const was = before.get(request.returnId);
    if (was && !changed(was, request)) return [];
    const put = { TableName: tableName, Item: toItem(next.orderId, request) };
    return [{ Put: was ? put : { ...put, ConditionExpression: 'attribute_not_exists(pk)' } }];
  });
}

/** What a return's life changes (its items, reason, amount and time are fixed when it is made). */
function changed(was: ReturnSummary, now: ReturnSummary): boolean {
  return was.status !== now.status || was.resellable !== now.resellable || was.acceptedAt !== now.acceptedAt;
}
