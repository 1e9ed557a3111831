import { postalAddressOf, postalAddressView } from '../../shared/address';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { DomainEvent } from '../../shared/events';
import type { TransactItem } from '../../shared/guarded-transaction';
import type { AuthUser } from '../../shared/http/route';
import { newId } from '../../shared/ids';
import { CURRENCY, formattedMoneyFields, moneyFields } from '../../shared/money';
import type { CheckoutCart } from '../cart/cart-lookup';
import type { ProductSummary } from '../catalog/product-lookup';
import type { AddressRecord } from '../identity/store';
import {
  CartClaimConflictError,
  CartEmptyError,
  CheckoutInProgressError,
  InvalidOrderStateError,
  OrderNotFoundError,
  OrderVersionConflictError,
} from './errors';
import { OrderFailed, OrderPaid, OrderPlaced, orderEvent } from './events';
import {
  canTransition,
  estimatedDeliveryFrom,
  type OrderLine,
  type OrderRecord,
  type OrderStatus,
  type PaymentMethodSnapshot,
  type Shipment,
  shippingFor,
} from './order';
import type { CheckoutInput, CheckoutResult, OrderViewType } from './schemas';
import type { OrderStore } from './store';

export interface OrdersDeps {
  orders: OrderStore;
  cartForCheckout: (userId: string) => Promise<CheckoutCart>;
  /** Cart's transaction item claiming the cart version an order converts. */
  claimCart: (claim: { userId: string; version: number; orderId: string; at: string }) => TransactItem;
  /** Cart's release of a claim, if it still names that order. */
  releaseCartClaim: (userId: string, orderId: string) => Promise<void>;
  findAddress: (userId: string, addressId: string) => Promise<AddressRecord | undefined>;
  findPaymentMethod: (userId: string, paymentMethodId: string) => Promise<PaymentMethodSnapshot | undefined>;
  lookupProducts: (ids: string[]) => Promise<Map<string, ProductSummary>>;
  startCheckout: (order: OrderRecord) => Promise<void>;
  now: () => Date;
}

/**
 * Checkout: validates the cart, the address and the payment method, snapshots prices from the
 * catalog (the client's prices are never trusted), writes the order `pending` before anything
 * else happens (OrderPlaced in the same write, through the outbox), and starts the saga with
 * the order id as the execution name.
 *
 * The order is written in one transaction with a claim on the cart version it converts, so a
 * cart version becomes one order however many checkouts race (a double click, a client retry
 * after a timeout, with or without Idempotency-Key): the others answer that order, or 409
 * CHECKOUT_IN_PROGRESS when they ask for something else. A failed order releases the claim.
 */
export async function placeOrder(
  userId: string,
  input: CheckoutInput,
  deps: OrdersDeps,
): Promise<CheckoutResult> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    const [cart, address, paymentMethod] = await Promise.all([
      deps.cartForCheckout(userId),
      deps.findAddress(userId, input.shipping_address_id),
      deps.findPaymentMethod(userId, input.payment_method_id),
    ]);
    if (!address) throw notFoundField('shipping_address_id', 'Address');
    if (!paymentMethod) throw notFoundField('payment_method_id', 'Payment method');
    if (cart.claim) {
      const first = await orderHoldingClaim(userId, cart, input, deps);
      if (first) return checkoutResult(first);
      continue;
    }
    if (cart.lines.length === 0) throw new CartEmptyError();
    const order = newOrder(
      userId,
      cart,
      address,
      paymentMethod,
      await deps.lookupProducts(cart.lines.map((line) => line.productId)),
      deps.now(),
    );
    try {
      await deps.orders.create(
        order,
        [deps.claimCart({ userId, version: cart.version, orderId: order.orderId, at: order.orderedAt })],
        [orderEvent(OrderPlaced, order)],
      );
    } catch (error) {
      // Another checkout claimed the cart first, or the cart changed since it was read: look again.
      if (error instanceof CartClaimConflictError) continue;
      throw error;
    }
    await deps.startCheckout(order);
    return checkoutResult(order);
  }
  throw new CheckoutInProgressError();
}

/**
 * The order that holds the cart's claim, when this checkout asks for the same thing (same cart
 * version, address and payment method): that is the answer. A claim left by an order that
 * failed or was cancelled is released, and null says to look at the cart again.
 */
async function orderHoldingClaim(
  userId: string,
  cart: CheckoutCart,
  input: CheckoutInput,
  deps: OrdersDeps,
): Promise<OrderRecord | null> {
  const claim = cart.claim!;
  const first = await deps.orders.get(claim.orderId);
  if (!first || first.status === 'failed' || first.status === 'cancelled') {
    await deps.releaseCartClaim(userId, claim.orderId);
    return null;
  }
  const sameCheckout =
    claim.version === cart.version &&
    first.shippingAddressId === input.shipping_address_id &&
    first.paymentMethod.paymentMethodId === input.payment_method_id;
  if (!sameCheckout) throw new CheckoutInProgressError(first.orderId);
  // The first request may have died between the order and the saga's start; starting it again is a no-op otherwise.
  if (first.status === 'pending') await deps.startCheckout(first);
  return first;
}

function newOrder(
  userId: string,
  cart: CheckoutCart,
  address: AddressRecord,
  paymentMethod: PaymentMethodSnapshot,
  products: Map<string, ProductSummary>,
  now: Date,
): OrderRecord {
  const lines: OrderLine[] = cart.lines.map((line) => {
    const product = products.get(line.productId);
    if (!product?.listed) {
      throw new ConflictError(
        'PRODUCT_UNAVAILABLE',
        `${line.productId} is no longer sold; remove it from your cart`,
        {
          product_id: line.productId,
        },
      );
    }
    return {
      productId: line.productId,
      sellerId: product.sellerId,
      title: product.title,
      imageUrl: product.imageUrl,
      quantity: line.quantity,
      priceAtOrderCents: product.priceCents,
    };
  });
  const subtotalCents = lines.reduce((total, line) => total + line.priceAtOrderCents * line.quantity, 0);
  const shippingCents = shippingFor(subtotalCents);
  const orderedAt = now.toISOString();
  return {
    orderId: newId('ord'),
    userId,
    status: 'pending',
    version: 1,
    lines,
    subtotalCents,
    shippingCents,
    totalCents: subtotalCents + shippingCents,
    refundedCents: 0,
    currency: CURRENCY,
    shippingAddressId: address.addressId,
    shippingAddress: postalAddressOf(address),
    paymentMethod,
    failureReason: null,
    estimatedDelivery: estimatedDeliveryFrom(now),
    orderedAt,
    updatedAt: orderedAt,
    timeline: [{ status: 'pending', at: orderedAt }],
    shipments: [],
    returnedQuantities: {},
    returns: [],
    deliveredAt: null,
  };
}

function checkoutResult(order: OrderRecord): CheckoutResult {
  return {
    order_id: order.orderId,
    status: order.status,
    ...formattedMoneyFields('total', order.totalCents),
    currency: order.currency,
    estimated_delivery: order.estimatedDelivery,
  };
}

/** The owner (or an admin) reads an order; anyone else gets 404, so its existence is not revealed. */
export async function getOrder(
  actor: AuthUser,
  orderId: string,
  deps: Pick<OrdersDeps, 'orders'>,
): Promise<OrderViewType> {
  const order = await deps.orders.get(orderId);
  if (!order || (order.userId !== actor.userId && !actor.roles.includes('admin')))
    throw new OrderNotFoundError();
  return orderView(order);
}

export async function listOrders(
  userId: string,
  options: { limit: number; cursor?: string },
  deps: Pick<OrdersDeps, 'orders'>,
) {
  const page = await deps.orders.listByUser(userId, options);
  return {
    items: page.items.map((order) => ({
      order_id: order.orderId,
      status: order.status,
      ...formattedMoneyFields('total', order.totalCents),
      currency: order.currency,
      estimated_delivery: order.estimatedDelivery,
      ordered_at: order.orderedAt,
      failure_reason: order.failureReason,
      item_count: order.lines.reduce((total, line) => total + line.quantity, 0),
    })),
    next_cursor: page.nextCursor,
  };
}

export interface OrderChange {
  /** The status to move to; omitted when the order keeps its status (a partial shipment, a partial refund). */
  status?: OrderStatus;
  changes?: Partial<OrderRecord>;
  note?: string;
  failureReason?: string;
  /** Events the change announces, built from the new order: written with it, through the outbox. */
  events?: (next: OrderRecord) => DomainEvent[];
  alsoWrite?: TransactItem[];
}

/**
 * The one way an order changes: `decide` looks at the order as read and says what to do
 * (or returns null: nothing to do, e.g. a repeat); a status change is checked against the
 * order-state graph; the write is conditional on the version read, and a lost race re-reads
 * and decides again. The change's events are written in the same transaction (the outbox),
 * so an order never changes without them and they never go out for a change that was lost.
 */
export async function changeOrder(
  orderId: string,
  deps: Pick<OrdersDeps, 'orders' | 'now'>,
  decide: (order: OrderRecord) => OrderChange | null,
): Promise<{ order: OrderRecord; changed: boolean }> {
  for (let attempt = 1; attempt <= 8; attempt++) {
    const order = await deps.orders.get(orderId);
    if (!order) throw new OrderNotFoundError();
    const change = decide(order);
    if (!change) return { order, changed: false };
    const to = change.status ?? order.status;
    if (to !== order.status && !canTransition(order.status, to))
      throw new InvalidOrderStateError(orderId, order.status, to);
    const at = deps.now().toISOString();
    const entry =
      to !== order.status || change.note
        ? [{ status: to, at, ...(change.note ? { note: change.note } : {}) }]
        : [];
    const next: OrderRecord = {
      ...order,
      ...change.changes,
      status: to,
      version: order.version + 1,
      updatedAt: at,
      failureReason: change.failureReason ?? order.failureReason,
      timeline: [...order.timeline, ...entry],
    };
    try {
      await deps.orders.saveTransition(order, next, change.alsoWrite ?? [], change.events?.(next) ?? []);
    } catch (error) {
      if (error instanceof OrderVersionConflictError) continue;
      throw error;
    }
    return { order: next, changed: true };
  }
  throw new OrderVersionConflictError();
}

/** A status change and nothing else; reaching a status the order already has is a no-op, so saga steps can repeat. */
export function transitionOrder(
  orderId: string,
  to: OrderStatus,
  deps: Pick<OrdersDeps, 'orders' | 'now'>,
  options: { failureReason?: string; note?: string; events?: OrderChange['events'] } = {},
): Promise<{ order: OrderRecord; changed: boolean }> {
  return changeOrder(orderId, deps, (order) =>
    order.status === to
      ? null
      : { status: to, failureReason: options.failureReason, note: options.note, events: options.events },
  );
}

/** Saga step and settlement: pending → paid, with OrderPaid (written with the change, through the outbox). */
export async function markPaid(orderId: string, deps: Pick<OrdersDeps, 'orders' | 'now'>) {
  return transitionOrder(orderId, 'paid', deps, { events: (next) => [orderEvent(OrderPaid, next)] });
}

/**
 * Saga step and settlement: pending → failed with a reason, with OrderFailed. The order's
 * claim on the cart is released (on a repeat too), so the cart is kept and can be checked out again.
 */
export async function markFailed(
  orderId: string,
  reason: string,
  deps: Pick<OrdersDeps, 'orders' | 'now' | 'releaseCartClaim'>,
) {
  const result = await transitionOrder(orderId, 'failed', deps, {
    failureReason: reason,
    note: reason,
    events: (next) => [orderEvent(OrderFailed, next)],
  });
  await deps.releaseCartClaim(result.order.userId, orderId);
  return result;
}

/** A line as buyers and sellers see it: the price it was ordered at, and the line's total. */
export function orderLineView(line: OrderLine) {
  return {
    product_id: line.productId,
    seller_id: line.sellerId,
    title: line.title,
    image_url: line.imageUrl,
    quantity: line.quantity,
    ...moneyFields('price_at_order', line.priceAtOrderCents),
    ...moneyFields('line_total', line.priceAtOrderCents * line.quantity),
  };
}

export function orderView(order: OrderRecord): OrderViewType {
  return {
    order_id: order.orderId,
    user_id: order.userId,
    status: order.status,
    lines: order.lines.map(orderLineView),
    ...formattedMoneyFields('subtotal', order.subtotalCents),
    ...formattedMoneyFields('shipping', order.shippingCents),
    ...formattedMoneyFields('total', order.totalCents),
    refunded_cents: order.refundedCents,
    currency: order.currency,
    shipping_address: postalAddressView(order.shippingAddress),
    payment_method: {
      payment_method_id: order.paymentMethod.paymentMethodId,
      type: order.paymentMethod.type,
      brand: order.paymentMethod.brand,
      last4: order.paymentMethod.last4,
    },
    failure_reason: order.failureReason,
    estimated_delivery: order.estimatedDelivery,
    ordered_at: order.orderedAt,
    updated_at: order.updatedAt,
    timeline: order.timeline,
    shipments: order.shipments.map(shipmentView),
    delivered_at: order.deliveredAt,
  };
}

export function shipmentView(shipment: Shipment) {
  return {
    shipment_id: shipment.shipmentId,
    seller_id: shipment.sellerId,
    carrier: shipment.carrier,
    tracking_number: shipment.trackingNumber,
    items: shipment.items.map((item) => ({ product_id: item.productId, quantity: item.quantity })),
    shipped_at: shipment.shippedAt,
    delivered_at: shipment.deliveredAt,
  };
}

function notFoundField(field: string, what: string): NotFoundError {
  return new NotFoundError(what, 'NOT_FOUND', {
    fields: [{ field, message: `no such ${what.toLowerCase()} of yours` }],
  });
}
