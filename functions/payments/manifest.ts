import { outboxItems, outboxRelay } from '../../shared/manifests/outbox-relay';
import type { ServiceManifest } from '../../shared/manifests/types';
import { paymentRoutes } from './routes';

/** The payments service's entries in the platform manifests (gathered by functions/manifest.ts). */
export const paymentsManifest: ServiceManifest = {
  service: 'payments',
  routes: paymentRoutes,
  tables: [
    {
      id: 'payments',
      envVar: 'PAYMENTS_TABLE_NAME',
      owner: 'payments',
      partitionKey: 'pk',
      sortKey: 'sk',
      // Sparse: only `requested` refunds carry refund_bucket, so the retry schedule reads exactly those.
      gsis: [{ name: 'ByRequestedRefund', partitionKey: 'refund_bucket', sortKey: 'created_at' }],
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expires_at', // OUTBOX_TTL_ATTRIBUTE in shared/outbox.ts
    },
  ],
  streams: [outboxRelay('RelayPaymentEvents', 'payments', 'payments', outboxItems)],
  schedules: [
    {
      id: 'RetryRequestedRefunds',
      description: 'Send card refunds still requested to the provider again, under their own keys',
      everySeconds: 300,
      envOverride: 'RETRY_REFUNDS_EVERY_SECONDS',
      handler: 'functions/payments/handlers/retry-refunds.handler',
      uses: { tables: { payments: 'readWrite' }, secrets: ['stripe'] },
    },
  ],
};
