import { type PostalAddress, postalAddressView } from '../../shared/address';
import { moneyFields } from '../../shared/money';
import type { OrderLine, OrderRecord, ReturnSummary } from './order';
import { orderLineView, shipmentView } from './service';

type Item = Record<string, unknown>;

/** A seller's view of an order (from its seller item): only that seller's lines and shipments. */
export function sellerOrderView(item: Item) {
  return {
    order_id: item.order_id as string,
    status: item.status as 'paid',
    ordered_at: item.ordered_at as string,
    shipping_address: postalAddressView(item.shipping_address as PostalAddress),
    lines: (item.lines as OrderLine[]).map(orderLineView),
    shipments: (item.shipments as Parameters<typeof shipmentView>[0][]).map(shipmentView),
  };
}

export function returnView(orderId: string, request: ReturnSummary) {
  return {
    return_id: request.returnId,
    order_id: orderId,
    seller_id: request.sellerId,
    items: request.items.map((item) => ({ product_id: item.productId, quantity: item.quantity })),
    reason: request.reason,
    status: request.status,
    ...moneyFields('amount', request.amountCents),
    resellable: request.resellable,
    created_at: request.createdAt,
    accepted_at: request.acceptedAt,
  };
}

/** The seller's view straight from an order record. */
export function sellerViewOf(order: OrderRecord, sellerId: string) {
  return sellerOrderView({
    order_id: order.orderId,
    status: order.status,
    ordered_at: order.orderedAt,
    shipping_address: order.shippingAddress,
    lines: order.lines.filter((line) => line.sellerId === sellerId),
    shipments: order.shipments.filter((shipment) => shipment.sellerId === sellerId),
  });
}
