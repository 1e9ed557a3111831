import { fromCents } from '../../shared/money';
import type { OrderRecord, ReturnSummary } from './order';
import { shipmentView } from './service';

type Item = Record<string, unknown>;

/** A seller's view of an order (from its seller item): only that seller's lines and shipments. */
export function sellerOrderView(item: Item) {
  const lines = item.lines as Array<{
    productId: string;
    sellerId: string;
    title: string;
    imageUrl: string | null;
    quantity: number;
    priceAtOrderCents: number;
  }>;
  const address = item.shipping_address as {
    name: string;
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postalCode: string;
    country: string;
  };
  return {
    order_id: item.order_id as string,
    status: item.status as 'paid',
    ordered_at: item.ordered_at as string,
    shipping_address: {
      name: address.name,
      line1: address.line1,
      line2: address.line2,
      city: address.city,
      region: address.region,
      postal_code: address.postalCode,
      country: address.country,
    },
    lines: lines.map((line) => ({
      product_id: line.productId,
      seller_id: line.sellerId,
      title: line.title,
      image_url: line.imageUrl,
      quantity: line.quantity,
      price_at_order: fromCents(line.priceAtOrderCents),
      price_at_order_cents: line.priceAtOrderCents,
      line_total: fromCents(line.priceAtOrderCents * line.quantity),
      line_total_cents: line.priceAtOrderCents * line.quantity,
    })),
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
    amount: fromCents(request.amountCents),
    amount_cents: request.amountCents,
    resellable: request.resellable,
    created_at: request.createdAt,
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
