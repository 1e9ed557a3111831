import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * What the business watches, as counts in the `Bazaar` namespace (EMF). Dead letters are not
 * here: on AWS they are the dead-letter queues' own depth, and locally the bus's.
 */
export type BusinessMetric =
  | 'OrdersPlaced'
  | 'OrdersPaid'
  | 'OrdersFailed'
  | 'OrdersRefunded'
  | 'PaymentsDeclined'
  | 'RefundsRequested'
  | 'RefundsFailed'
  /** Card refunds still requested past REFUND_UNSETTLED_ALARM_SECONDS, as the retry schedule found them. */
  | 'RefundsUnsettled'
  | 'ReservationsExpired'
  | 'StockConflicts'
  | 'ReconcilerSettled'
  | 'ReconcilerFailed'
  /** Pending orders the reconciler could settle neither way in a run. */
  | 'ReconcilerErrors'
  | 'EventsRedelivered'
  | 'RateLimitedRequests';

/** The port handlers and wrappers count through; tests pass a recording one. */
export interface MetricsPort {
  /** Adds `value` (default 1) to the metric; with dimensions it is emitted on its own line at once. */
  count(metric: BusinessMetric, value?: number, dimensions?: Record<string, string>): void;
}

/** One buffer per container: the handler wrappers flush it at the end of every invocation. */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Bazaar',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bazaar',
});

export const businessMetrics: MetricsPort = {
  count(metric, value = 1, dimensions) {
    if (value <= 0) return;
    if (!dimensions) {
      metrics.addMetric(metric, MetricUnit.Count, value);
      return;
    }
    // A dimension (a failure reason, a bucket) applies to one metric, not to the whole buffer.
    const single = metrics.singleMetric();
    single.addDimensions(dimensions);
    single.addMetric(metric, MetricUnit.Count, value);
  },
};

/** Writes what the invocation counted; nothing (and no Powertools warning) when it counted nothing. */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
