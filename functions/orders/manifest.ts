import { outboxItems, outboxRelay } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { PaymentSucceeded } from '../payments/events';
import { OrderCancelled } from './events';
import { orderRoutes } from './routes';

/** The orders service's entries in the platform manifests (gathered by functions/manifest.ts). */
export const ordersManifest: ServiceManifest = {
  service: 'orders',
  routes: orderRoutes,
  tables: [
    {
      id: 'orders',
      envVar: 'ORDERS_TABLE_NAME',
      owner: 'orders',
      partitionKey: 'pk',
      sortKey: 'sk',
      gsis: [
        { name: 'ByUser', partitionKey: 'user_id', sortKey: 'ordered_at' },
        // Sparse: only pending orders carry pending_bucket, so the reconciler reads exactly those.
        { name: 'ByPending', partitionKey: 'pending_bucket', sortKey: 'ordered_at' },
        // Sparse: only return items carry return_seller; a seller's returns, newest first.
        { name: 'BySellerReturn', partitionKey: 'return_seller', sortKey: 'return_created' },
      ],
      // The outbox: every Order… event is an item written with its change (shared/outbox.ts).
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expires_at', // OUTBOX_TTL_ATTRIBUTE in shared/outbox.ts
    },
    {
      id: 'idempotency',
      envVar: 'IDEMPOTENCY_TABLE_NAME',
      owner: 'orders',
      // Powertools' idempotency layout.
      partitionKey: 'id',
      ttlAttribute: 'expiration',
    },
  ],
  rules: [
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
  ],
  streams: [outboxRelay('RelayOrderEvents', 'orders', 'orders', outboxItems)],
  schedules: [
    {
      id: 'ReconcilePendingOrders',
      description: 'Settle orders pending too long: stop the saga, finish if charged, unwind if not',
      everySeconds: 60,
      envOverride: 'RECONCILE_EVERY_SECONDS',
      handler: 'functions/orders/handlers/reconcile.handler',
      uses: {
        // carts: an order it unwinds releases its claim on the buyer's cart.
        tables: { orders: 'readWrite', payments: 'readWrite', inventory: 'readWrite', carts: 'readWrite' },
        stateMachines: ['Checkout'],
        secrets: ['stripe'],
      },
    },
  ],
  stateMachines: [
    {
      id: 'Checkout',
      owner: 'orders',
      definitionFile: 'statemachines/checkout.asl.json',
      envVar: 'CHECKOUT_STATE_MACHINE_ARN',
      // The saga's steps run each service's own task handlers, with least privilege per step.
      taskHandlers: {
        ReserveInventoryFunctionArn: 'functions/inventory/handlers/reserve-step.handler',
        MarkChargingFunctionArn: 'functions/inventory/handlers/mark-charging-step.handler',
        ChargePaymentFunctionArn: 'functions/payments/handlers/charge-step.handler',
        ConfirmInventoryFunctionArn: 'functions/inventory/handlers/confirm-step.handler',
        MarkPaidFunctionArn: 'functions/orders/handlers/mark-paid.handler',
        RefundPaymentFunctionArn: 'functions/payments/handlers/refund-step.handler',
        ReleaseInventoryFunctionArn: 'functions/inventory/handlers/release-step.handler',
        MarkFailedFunctionArn: 'functions/orders/handlers/mark-failed.handler',
      },
      taskUses: {
        ReserveInventoryFunctionArn: { tables: { inventory: 'readWrite' } },
        MarkChargingFunctionArn: { tables: { inventory: 'readWrite' } },
        ChargePaymentFunctionArn: { tables: { payments: 'readWrite', orders: 'read' }, secrets: ['stripe'] },
        ConfirmInventoryFunctionArn: { tables: { inventory: 'readWrite' } },
        MarkPaidFunctionArn: { tables: { orders: 'readWrite' } },
        RefundPaymentFunctionArn: { tables: { payments: 'readWrite' }, secrets: ['stripe'] },
        ReleaseInventoryFunctionArn: { tables: { inventory: 'readWrite' } },
        // A failed order releases its claim on the buyer's cart.
        MarkFailedFunctionArn: { tables: { orders: 'readWrite', carts: 'readWrite' } },
      },
    },
  ],
};
