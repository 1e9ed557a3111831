import { ConflictError, ValidationError } from '../../shared/errors';
import type { DomainEvent } from '../../shared/events';
import type { AuthUser } from '../../shared/http/route';
import { newId } from '../../shared/ids';
import { AlsoWriteConflictError, InvalidOrderStateError, OrderNotFoundError } from './errors';
import { OrderCancelled, OrderDelivered, OrderRefunded, OrderShipped, orderEvent } from './events';
import {
  estimatedDeliveryFrom,
  isFullyShipped,
  type OrderRecord,
  type ReturnSummary,
  type Shipment,
  type ShipmentItem,
  shippedQuantity,
} from './order';
import { changeOrder, type OrdersDeps } from './service';

export interface FulfilmentDeps extends Pick<OrdersDeps, 'orders' | 'now'> {
  stopSaga: (orderId: string) => Promise<void>;
  /** Payments: void what was not charged, refund what was (once per key); the order's refunded total after. */
  voidOrRefund: (orderId: string, refundKey: string) => Promise<{ refundedTotalCents: number }>;
  refund: (
    orderId: string,
    refundKey: string,
    amountCents: number | 'remaining',
  ) => Promise<{ refundedTotalCents: number }>;
  /** Inventory: release a live reservation; report its state. */
  releaseStock: (orderId: string) => Promise<{ state: string }>;
  /** Inventory: sold units back to available, once per restock id. */
  restock: (orderId: string, restockId: string, items: ShipmentItem[]) => Promise<void>;
  returnWindowSeconds: number;
  shippingDays: number;
}

const isAdmin = (actor: AuthUser) => actor.roles.includes('admin');

/**
 * A seller ships its lines of a paid order (all its unshipped units, or the items named, each
 * product once). The order becomes `shipped` when every line of every seller has shipped; until
 * then it stays `paid` with the shipments listed. Shipping the same tracking number again is a
 * no-op. To anyone but the order's sellers the order does not exist, whatever the tracking number.
 */
export async function shipOrder(
  seller: AuthUser,
  orderId: string,
  input: {
    carrier: string;
    tracking_number: string;
    items?: Array<{ product_id: string; quantity: number }>;
  },
  deps: FulfilmentDeps,
) {
  rejectRepeatedProducts(input.items);
  const current = await deps.orders.get(orderId);
  if (!current?.lines.some((line) => line.sellerId === seller.userId)) throw new OrderNotFoundError();
  const existing = await deps.orders.findByTracking(input.carrier, input.tracking_number);
  if (existing && existing.orderId !== orderId) throw trackingNumberInUse();
  return changeOrder(orderId, deps, (order) => {
    const sellerLines = order.lines.filter((line) => line.sellerId === seller.userId);
    if (sellerLines.length === 0) throw new OrderNotFoundError();
    if (order.shipments.some((shipment) => shipment.trackingNumber === input.tracking_number)) return null;
    if (order.status !== 'paid') throw new InvalidOrderStateError(orderId, order.status, 'shipped');
    const items = shipmentItems(order, sellerLines, input.items);
    if (items.length === 0)
      throw new ConflictError('NOTHING_TO_SHIP', 'All of your lines in this order have shipped');
    const now = deps.now();
    const shipment: Shipment = {
      shipmentId: newId('shp'),
      sellerId: seller.userId,
      carrier: input.carrier,
      trackingNumber: input.tracking_number,
      items,
      shippedAt: now.toISOString(),
      deliveredAt: null,
    };
    const shipments = [...order.shipments, shipment];
    const fully = isFullyShipped({ lines: order.lines, shipments });
    return {
      status: fully ? 'shipped' : undefined,
      changes: { shipments, estimatedDelivery: estimatedDeliveryFrom(now, deps.shippingDays) },
      note: `${fully ? 'Shipped' : 'Partly shipped'}: ${shipment.carrier} ${shipment.trackingNumber}`,
      alsoWrite: [
        deps.orders.trackingItem(shipment.carrier, shipment.trackingNumber, orderId, shipment.shipmentId),
      ],
      events: (next) => [
        orderEvent(OrderShipped, next, {
          shipment_id: shipment.shipmentId,
          shipment_seller_id: shipment.sellerId,
          fully_shipped: fully,
        }),
      ],
    };
  }).catch((error) => {
    // Another shipment took the tracking number between the check above and this write.
    if (error instanceof AlsoWriteConflictError) throw trackingNumberInUse();
    throw error;
  });
}

const trackingNumberInUse = () =>
  new ConflictError('TRACKING_NUMBER_IN_USE', 'This tracking number already belongs to another shipment');

/**
 * A product named twice would be checked twice against the same units left, and ship more
 * than was bought: each product is named once (400 on the repeat).
 */
function rejectRepeatedProducts(items: Array<{ product_id: string }> | undefined): void {
  const seen = new Set<string>();
  items?.forEach((item, index) => {
    if (seen.has(item.product_id))
      throw ValidationError.forField(`items.${index}.product_id`, 'is listed twice; name each product once');
    seen.add(item.product_id);
  });
}

/** What a shipment carries: the items named (each within the units left to ship), or everything left. */
function shipmentItems(
  order: OrderRecord,
  sellerLines: OrderRecord['lines'],
  requested: Array<{ product_id: string; quantity: number }> | undefined,
): ShipmentItem[] {
  const unshipped = new Map(
    sellerLines.map((line) => [line.productId, line.quantity - shippedQuantity(order, line.productId)]),
  );
  if (!requested) {
    return [...unshipped]
      .filter(([, left]) => left > 0)
      .map(([productId, quantity]) => ({ productId, quantity }));
  }
  return requested.map((item, index) => {
    const left = unshipped.get(item.product_id);
    if (left === undefined)
      throw ValidationError.forField(`items.${index}.product_id`, 'is not one of your lines in this order');
    if (item.quantity > left)
      throw ValidationError.forField(`items.${index}.quantity`, `only ${left} unit(s) are left to ship`);
    return { productId: item.product_id, quantity: item.quantity };
  });
}

/**
 * Marks shipments delivered — a seller's own (or one found by a carrier's tracking number).
 * The order becomes `delivered` when everything has shipped and every shipment has arrived.
 */
export async function deliverShipments(
  orderId: string,
  which: { sellerId: string; actor?: AuthUser } | { shipmentId: string },
  deps: FulfilmentDeps,
) {
  return changeOrder(orderId, deps, (order) => {
    if ('sellerId' in which) {
      const sells = order.lines.some((line) => line.sellerId === which.sellerId);
      if (!sells && !(which.actor && isAdmin(which.actor))) throw new OrderNotFoundError();
    }
    const mine = (shipment: Shipment) =>
      'shipmentId' in which
        ? shipment.shipmentId === which.shipmentId
        : shipment.sellerId === which.sellerId || (which.actor && isAdmin(which.actor));
    const targets = order.shipments.filter(mine);
    if (targets.length === 0) throw new InvalidOrderStateError(orderId, order.status, 'delivered');
    if (targets.every((shipment) => shipment.deliveredAt !== null)) return null;
    const at = deps.now().toISOString();
    const shipments = order.shipments.map((shipment) =>
      mine(shipment) && !shipment.deliveredAt ? { ...shipment, deliveredAt: at } : shipment,
    );
    const allArrived =
      isFullyShipped({ lines: order.lines, shipments }) &&
      shipments.every((shipment) => shipment.deliveredAt);
    return {
      status: allArrived ? 'delivered' : undefined,
      changes: { shipments, ...(allArrived ? { deliveredAt: at } : {}) },
      note: allArrived ? undefined : 'A shipment was delivered',
      events: (next) => (allArrived ? [orderEvent(OrderDelivered, next)] : []),
    };
  });
}

/**
 * The buyer cancels before anything ships. A pending order's saga is stopped, its payment
 * voided (or refunded if the charge got through) and its reservation released; a paid order
 * is refunded and its sold stock goes back on the shelf. Cancelling again, or twice at once,
 * refunds and restocks once: every compensation is keyed by the order.
 */
export async function cancelOrder(
  buyer: AuthUser,
  orderId: string,
  deps: FulfilmentDeps,
): Promise<OrderRecord> {
  const current = await deps.orders.get(orderId);
  if (!current || (current.userId !== buyer.userId && !isAdmin(buyer))) throw new OrderNotFoundError();
  const { order } = await changeOrder(orderId, deps, (order) => {
    if (order.status === 'cancelled') return null;
    if (order.status !== 'pending' && order.status !== 'paid')
      throw new InvalidOrderStateError(orderId, order.status, 'cancelled');
    if (order.shipments.length > 0) {
      throw new ConflictError(
        'INVALID_ORDER_STATE',
        'Part of this order has shipped; return it after delivery instead',
      );
    }
    return {
      status: 'cancelled',
      note: 'Cancelled by the buyer',
      events: (next) => [orderEvent(OrderCancelled, next, { was: order.status })],
    };
  });
  try {
    return await compensateCancellation(order, deps);
  } catch (error) {
    // The order is cancelled and its stock is back; the refund stays requested at payments,
    // which retries it, and the OrderCancelled consumer runs this again.
    if ((error as Error).name === 'PaymentProviderError') return order;
    throw error;
  }
}

/**
 * Everything a cancelled order is owed, each step idempotent: the cancel request runs it,
 * and the OrderCancelled consumer runs it again so a failure half-way is finished later.
 * The stock goes back even when the money could not yet: that failure is raised after.
 */
export async function compensateCancellation(order: OrderRecord, deps: FulfilmentDeps): Promise<OrderRecord> {
  if (order.status !== 'cancelled') return order;
  await deps.stopSaga(order.orderId);
  const money = await deps.voidOrRefund(order.orderId, 'cancel').then(
    (refunded) => ({ refunded }),
    (failure: unknown) => ({ failure }),
  );
  const reservation = await deps.releaseStock(order.orderId);
  if (reservation.state === 'committed') {
    await deps.restock(
      order.orderId,
      'cancel',
      order.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    );
  }
  if ('failure' in money) throw money.failure;
  return recordRefund(order.orderId, money.refunded.refundedTotalCents, deps);
}

/** Raises the order's refunded total to what payments report, with OrderRefunded; never lowers it. */
async function recordRefund(
  orderId: string,
  refundedTotalCents: number,
  deps: FulfilmentDeps,
  status?: 'refunded',
) {
  const { order } = await changeOrder(orderId, deps, (order) => {
    if (refundedTotalCents <= order.refundedCents && (!status || order.status === status)) return null;
    const amount = Math.max(0, refundedTotalCents - order.refundedCents);
    return {
      status: status && order.status !== status ? status : undefined,
      changes: { refundedCents: Math.max(order.refundedCents, refundedTotalCents) },
      note: amount > 0 ? `Refunded ${amount} cents` : undefined,
      events: (next): DomainEvent[] =>
        amount > 0 ? [orderEvent(OrderRefunded, next, { amount_cents: amount })] : [],
    };
  });
  return order;
}

/**
 * The buyer returns delivered units within the return window: one return per seller whose
 * lines are named, each refunded when that seller accepts it.
 */
export async function requestReturn(
  buyer: AuthUser,
  orderId: string,
  input: { items: Array<{ product_id: string; quantity: number }>; reason: string },
  deps: FulfilmentDeps,
): Promise<ReturnSummary[]> {
  const created: ReturnSummary[] = [];
  await changeOrder(orderId, deps, (order) => {
    created.length = 0;
    if (order.userId !== buyer.userId) throw new OrderNotFoundError();
    if (order.status !== 'delivered' || !order.deliveredAt) {
      throw new ConflictError(
        'INVALID_ORDER_STATE',
        `Order ${orderId} is ${order.status}; only delivered orders can be returned`,
      );
    }
    const windowEnds = Date.parse(order.deliveredAt) + deps.returnWindowSeconds * 1000;
    if (deps.now().getTime() > windowEnds) {
      throw new ConflictError(
        'RETURN_WINDOW_CLOSED',
        `The return window closed on ${new Date(windowEnds).toISOString()}`,
      );
    }
    const returned = { ...order.returnedQuantities };
    const bySeller = new Map<string, ShipmentItem[]>();
    input.items.forEach((item, index) => {
      const line = order.lines.find((candidate) => candidate.productId === item.product_id);
      if (!line) throw ValidationError.forField(`items.${index}.product_id`, 'is not in this order');
      const left = line.quantity - (returned[item.product_id] ?? 0);
      if (item.quantity > left)
        throw ValidationError.forField(
          `items.${index}.quantity`,
          `only ${left} unit(s) can still be returned`,
        );
      returned[item.product_id] = (returned[item.product_id] ?? 0) + item.quantity;
      const items = bySeller.get(line.sellerId) ?? [];
      items.push({ productId: item.product_id, quantity: item.quantity });
      bySeller.set(line.sellerId, items);
    });
    const at = deps.now().toISOString();
    for (const [sellerId, items] of bySeller) {
      created.push({
        returnId: newId('ret'),
        sellerId,
        items,
        reason: input.reason,
        status: 'requested',
        amountCents: items.reduce(
          (sum, item) =>
            sum +
            item.quantity * order.lines.find((line) => line.productId === item.productId)!.priceAtOrderCents,
          0,
        ),
        resellable: null,
        createdAt: at,
        acceptedAt: null,
      });
    }
    return {
      changes: { returnedQuantities: returned, returns: [...order.returns, ...created] },
      note: `Return requested (${created.map((r) => r.returnId).join(', ')})`,
    };
  });
  return created;
}

/**
 * The seller accepts a return: those lines are refunded (once, keyed by the return), the
 * units go back on the shelf if the seller says they are resellable, and an order whose every
 * unit came back becomes `refunded` (shipping included).
 */
export async function acceptReturn(
  seller: AuthUser,
  returnId: string,
  resellable: boolean,
  deps: FulfilmentDeps,
): Promise<{ order: OrderRecord; request: ReturnSummary }> {
  const found = await deps.orders.findReturn(returnId);
  if (!found || (found.sellerId !== seller.userId && !isAdmin(seller))) throw new OrderNotFoundError();
  const { order } = await changeOrder(found.orderId, deps, (order) => {
    const request = order.returns.find((candidate) => candidate.returnId === returnId)!;
    if (request.status === 'accepted') return null;
    const returns = order.returns.map((candidate) =>
      candidate.returnId === returnId
        ? { ...candidate, status: 'accepted' as const, resellable, acceptedAt: deps.now().toISOString() }
        : candidate,
    );
    return { changes: { returns }, note: `Return ${returnId} accepted` };
  });
  const request = order.returns.find((candidate) => candidate.returnId === returnId)!;
  const everythingBack = order.lines.every(
    (line) =>
      order.returns
        .filter((candidate) => candidate.status === 'accepted')
        .flatMap((candidate) => candidate.items)
        .filter((item) => item.productId === line.productId)
        .reduce((sum, item) => sum + item.quantity, 0) >= line.quantity,
  );
  const { refundedTotalCents } = await deps.refund(
    order.orderId,
    `return-${returnId}`,
    everythingBack ? 'remaining' : request.amountCents,
  );
  if (request.resellable) await deps.restock(order.orderId, `return-${returnId}`, request.items);
  const updated = await recordRefund(
    order.orderId,
    refundedTotalCents,
    deps,
    everythingBack ? 'refunded' : undefined,
  );
  return { order: updated, request };
}
