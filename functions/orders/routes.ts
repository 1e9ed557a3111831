import { defineRoute } from '../../shared/http/route';
import { cursorList } from '../../shared/schemas/common';
import {
  CheckoutBody,
  CheckoutResponse,
  ListOrdersQuery,
  OrderParams,
  OrderSummaryView,
  OrderView,
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
  uses: {
    tables: {
      orders: 'readWrite',
      idempotency: 'readWrite',
      carts: 'read',
      products: 'read',
      users: 'read',
      payments: 'read',
    },
    publishesEvents: true,
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

export const orderRoutes = [checkoutRoute, getOrderRoute, listOrdersRoute];
