import type { ScheduleDefinition } from './types';

/** Recurring jobs: EventBridge Scheduler on AWS, timers locally. */
export const schedules: ScheduleDefinition[] = [
  {
    id: 'ReleaseExpiredReservations',
    description: 'Release held reservations whose time ran out (never charging ones)',
    everySeconds: 60,
    envOverride: 'RELEASE_EXPIRED_EVERY_SECONDS',
    handler: 'functions/inventory/handlers/release-expired.handler',
    uses: { tables: { inventory: 'readWrite' } },
  },
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
  {
    id: 'RetryRequestedRefunds',
    description: 'Send card refunds still requested to the provider again, under their own keys',
    everySeconds: 300,
    envOverride: 'RETRY_REFUNDS_EVERY_SECONDS',
    handler: 'functions/payments/handlers/retry-refunds.handler',
    uses: { tables: { payments: 'readWrite' }, secrets: ['stripe'] },
  },
];
