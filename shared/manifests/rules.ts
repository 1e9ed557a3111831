import { CartItemAdded } from '../../functions/cart/events';
import { StockChanged } from '../../functions/inventory/events';
import { mediaRules } from '../../functions/media/rules';
import { OrderCancelled, OrderPaid } from '../../functions/orders/events';
import { PaymentSucceeded } from '../../functions/payments/events';
import { RatingChanged } from '../../functions/reviews/events';
import type { EventRuleDefinition } from './types';

/** EventBridge rules on the `bazaar` bus: pattern → handler. Patterns come from the events' own declarations. */
export const rules: EventRuleDefinition[] = [
  {
    id: 'CatalogOnStockChanged',
    description: 'Keep the product’s stock badge and out_of_stock status true',
    pattern: StockChanged.pattern,
    handler: 'functions/catalog/handlers/on-stock-changed.handler',
    uses: { tables: { products: 'readWrite' } },
  },
  {
    id: 'CartOnOrderPaid',
    description: 'Take the bought quantities out of the buyer’s cart',
    pattern: OrderPaid.pattern,
    handler: 'functions/cart/handlers/on-order-paid.handler',
    uses: { tables: { carts: 'readWrite', products: 'read', inventory: 'read' } },
  },
  {
    id: 'SearchOnStockChanged',
    description: 'Keep the in-stock filter of the search index true',
    pattern: StockChanged.pattern,
    handler: 'functions/search/handlers/on-stock-changed.handler',
    uses: { search: true },
  },
  {
    id: 'SearchOnRatingChanged',
    description: 'Keep ratings in the search index (rating sort and filter) true',
    pattern: RatingChanged.pattern,
    handler: 'functions/search/handlers/on-rating-changed.handler',
    uses: { search: true },
  },
  {
    id: 'OrdersOnOrderCancelled',
    description: 'Finish a cancellation’s refund and restock even if the request failed half-way',
    pattern: OrderCancelled.pattern,
    handler: 'functions/orders/handlers/on-order-cancelled.handler',
    uses: {
      tables: { orders: 'readWrite', payments: 'readWrite', inventory: 'readWrite' },
      stateMachines: ['Checkout'],
      secrets: ['stripe'],
    },
  },
  {
    id: 'OrdersOnPaymentSucceeded',
    description: 'Finish a pending order whose charge Stripe reports succeeded, as the reconciler would',
    pattern: PaymentSucceeded.pattern,
    handler: 'functions/orders/handlers/on-payment-succeeded.handler',
    uses: {
      // carts: settling an order as failed releases its claim on the buyer's cart.
      tables: { orders: 'readWrite', payments: 'readWrite', inventory: 'readWrite', carts: 'readWrite' },
      secrets: ['stripe'],
    },
  },
  {
    id: 'NotifyOnOrderAndStockEvents',
    description: 'One notification per event per user (buyers, and sellers for new orders and low stock)',
    pattern: {
      source: ['bazaar.orders', 'bazaar.inventory'],
      'detail-type': [
        'OrderPaid',
        'OrderFailed',
        'OrderCancelled',
        'OrderShipped',
        'OrderDelivered',
        'OrderRefunded',
        'StockLow',
      ],
    },
    handler: 'functions/notifications/handlers/on-event.handler',
    uses: { tables: { notifications: 'readWrite', users: 'read' }, email: true },
  },
  {
    id: 'CatalogOnRatingChanged',
    description: 'Keep the product’s avg_rating and review_count true',
    pattern: RatingChanged.pattern,
    handler: 'functions/catalog/handlers/on-rating-changed.handler',
    uses: { tables: { products: 'readWrite' } },
  },
  {
    id: 'RecommendationsOnOrderPaid',
    description: 'Count co-purchases and best sellers, once per order',
    pattern: OrderPaid.pattern,
    handler: 'functions/recommendations/handlers/on-order-paid.handler',
    uses: { tables: { recommendations: 'readWrite', products: 'read' } },
  },
  {
    id: 'RecommendationsOnCartItemAdded',
    description: 'A product put in the cart is a strong browsing signal',
    pattern: CartItemAdded.pattern,
    handler: 'functions/recommendations/handlers/on-cart-item-added.handler',
    uses: { tables: { recommendations: 'readWrite' } },
  },
  {
    id: 'ReviewsOnOrderChanged',
    description: 'A review’s verified-purchase badge follows the order: paid, cancelled, refunded',
    pattern: { source: ['bazaar.orders'], 'detail-type': ['OrderPaid', 'OrderCancelled', 'OrderRefunded'] },
    handler: 'functions/reviews/handlers/on-order-changed.handler',
    uses: { tables: { reviews: 'readWrite', orders: 'read' } },
  },
  ...mediaRules,
];
