import * as z from 'zod';
import { defineRoute } from '../../shared/http/route';
import type { ResourceUse } from '../../shared/manifests/types';
import { cursorList } from '../../shared/schemas/common';
import {
  AcceptReturnBody,
  CheckoutBody,
  CheckoutResponse,
  ListOrdersQuery,
  OrderParams,
  OrderSummaryView,
  OrderView,
  ReturnBody,
  ReturnParams,
  ReturnView,
  SellerOrdersQuery,
  SellerOrderView,
  SellerReturnsQuery,
  ShipBody,
} from './schemas';

const tag = 'Orders';

export const checkoutRoute = defineRoute({
  id: 'Checkout',
  method: 'POST',
  path: '/api/v1/orders/checkout',
  auth: 'user',
  handler: 'functions/orders/handlers/checkout.handler',
  summary:
    'Place an order from your cart (202: the saga reserves, charges and confirms in the background). Send an Idempotency-Key header to make retries safe.',
  tag,
  body: CheckoutBody,
  response: CheckoutResponse,
  successStatus: 202,
  idempotency: { expiresAfterSeconds: 24 * 3600 },
  // A checkout killed mid-flight leaves its Idempotency-Key in progress until the function's
  // timeout has passed (409 to every retry until then): keep that bound short. It only writes
  // the order and starts the saga, which takes well under a second.
  timeoutSeconds: 10,
  uses: {
    tables: {
      orders: 'readWrite',
      idempotency: 'readWrite',
      // Checkout claims the cart version it converts (cart's exported transaction item).
      carts: 'readWrite',
      products: 'read',
      users: 'read',
      payments: 'read',
    },
    stateMachines: ['Checkout'],
  },
});

export const getOrderRoute = defineRoute({
  id: 'GetOrder',
  method: 'GET',
  path: '/api/v1/orders/{order_id}',
  auth: 'user',
  handler: 'functions/orders/handlers/get-order.handler',
  summary: 'An order of yours: lines with their price at order, totals, status and its timeline',
  tag,
  params: OrderParams,
  response: OrderView,
  successStatus: 200,
  uses: { tables: { orders: 'read' } },
});

export const listOrdersRoute = defineRoute({
  id: 'ListOrders',
  method: 'GET',
  path: '/api/v1/orders',
  auth: 'user',
  handler: 'functions/orders/handlers/list-orders.handler',
  summary: 'Your order history, newest first',
  tag,
  query: ListOrdersQuery,
  response: cursorList(OrderSummaryView),
  successStatus: 200,
  uses: { tables: { orders: 'read' } },
});

/** Cancellations and returns settle money and stock through payments' and inventory's exported functions. */
const compensation: ResourceUse = {
  tables: { orders: 'readWrite', payments: 'readWrite', inventory: 'readWrite' },
  stateMachines: ['Checkout'],
  secrets: ['stripe'],
};
const fulfilment: ResourceUse = { tables: { orders: 'readWrite' } };

export const cancelOrderRoute = defineRoute({
  id: 'CancelOrder',
  method: 'POST',
  path: '/api/v1/orders/{order_id}/cancel',
  auth: 'user',
  handler: 'functions/orders/handlers/cancel-order.handler',
  summary:
    'Cancel before anything ships: refunded to the card or wallet, stock back on the shelf (idempotent)',
  tag,
  params: OrderParams,
  response: OrderView,
  successStatus: 200,
  uses: compensation,
});

export const requestReturnRoute = defineRoute({
  id: 'RequestReturn',
  method: 'POST',
  path: '/api/v1/orders/{order_id}/returns',
  auth: 'user',
  handler: 'functions/orders/handlers/request-return.handler',
  summary: 'Return delivered units within the return window (one return per seller)',
  tag,
  params: OrderParams,
  body: ReturnBody,
  response: z.object({ returns: z.array(ReturnView) }),
  successStatus: 201,
  uses: fulfilment,
});

export const sellerOrdersRoute = defineRoute({
  id: 'ListSellerOrders',
  method: 'GET',
  path: '/api/v1/seller/orders',
  auth: 'seller',
  handler: 'functions/orders/handlers/list-seller-orders.handler',
  summary: 'Orders containing your products (your lines only), newest first',
  tag: 'Fulfilment',
  query: SellerOrdersQuery,
  response: cursorList(SellerOrderView),
  successStatus: 200,
  uses: { tables: { orders: 'read' } },
});

export const shipOrderRoute = defineRoute({
  id: 'ShipOrder',
  method: 'POST',
  path: '/api/v1/seller/orders/{order_id}/ship',
  auth: 'seller',
  handler: 'functions/orders/handlers/ship-order.handler',
  summary: 'Ship your lines of a paid order (all, or the items named); shipped when every seller has',
  tag: 'Fulfilment',
  params: OrderParams,
  body: ShipBody,
  response: SellerOrderView,
  successStatus: 200,
  uses: fulfilment,
});

export const deliverOrderRoute = defineRoute({
  id: 'DeliverOrder',
  method: 'POST',
  path: '/api/v1/seller/orders/{order_id}/deliver',
  auth: 'seller',
  handler: 'functions/orders/handlers/deliver-order.handler',
  summary: 'Mark your shipments of an order delivered',
  tag: 'Fulfilment',
  params: OrderParams,
  response: SellerOrderView,
  successStatus: 200,
  uses: fulfilment,
});

export const carrierWebhookRoute = defineRoute({
  id: 'CarrierWebhook',
  method: 'POST',
  path: '/api/v1/fulfilment/webhooks/carrier',
  auth: 'public',
  handler: 'functions/orders/handlers/carrier-webhook.handler',
  summary: 'A carrier reports a delivery (HMAC-signed: X-Carrier-Signature t=…,v1=…)',
  tag: 'Fulfilment',
  body: z.string(),
  rawBody: true,
  signature: { header: 'X-Carrier-Signature', secret: 'CARRIER_WEBHOOK_SECRET' },
  response: z.object({ received: z.boolean() }),
  successStatus: 200,
  uses: { ...fulfilment, secrets: ['carrier'] },
});

export const acceptReturnRoute = defineRoute({
  id: 'AcceptReturn',
  method: 'POST',
  path: '/api/v1/seller/returns/{return_id}/accept',
  auth: 'seller',
  handler: 'functions/orders/handlers/accept-return.handler',
  summary: 'Accept a return of your lines: refunded once; restocked if resellable',
  tag: 'Fulfilment',
  params: ReturnParams,
  body: AcceptReturnBody,
  response: ReturnView,
  successStatus: 200,
  uses: { ...compensation, stateMachines: [] },
});

export const sellerReturnsRoute = defineRoute({
  id: 'ListSellerReturns',
  method: 'GET',
  path: '/api/v1/seller/returns',
  auth: 'seller',
  handler: 'functions/orders/handlers/list-seller-returns.handler',
  summary: 'Returns of your lines, newest first, to review and accept (yours only)',
  tag: 'Fulfilment',
  query: SellerReturnsQuery,
  response: cursorList(ReturnView),
  successStatus: 200,
  uses: { tables: { orders: 'read' } },
});

export const orderRoutes = [
  checkoutRoute,
  getOrderRoute,
  listOrdersRoute,
  cancelOrderRoute,
  requestReturnRoute,
  sellerOrdersRoute,
  shipOrderRoute,
  deliverOrderRoute,
  carrierWebhookRoute,
  acceptReturnRoute,
  sellerReturnsRoute,
];
