import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  type Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import type { StageSettings } from './platform';
import { METRICS_NAMESPACE } from './service-function';
import type { WiredResources } from './wired-resources';

const PERIOD = Duration.minutes(5);

/**
 * A business metric summed over whichever services emit it (each line carries its `service`
 * dimension, and a few another, e.g. `reason`): a SEARCH, so the dashboard does not need to
 * know who counts what.
 */
function businessTotal(metricName: string, label = metricName): IMetric {
  return new MathExpression({
    expression: `SUM(SEARCH('{${METRICS_NAMESPACE},service} MetricName="${metricName}"', 'Sum', 300))`,
    usingMetrics: {},
    label,
    period: PERIOD,
  });
}

/** One line per value of `dimension` (a failure reason, a rate-limit bucket). */
function businessBy(metricName: string, dimension: string): IMetric {
  return new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${dimension},service} MetricName="${metricName}"', 'Sum', 300)`,
    usingMetrics: {},
    label: `${metricName} by ${dimension}`,
    period: PERIOD,
  });
}

export interface OperationsDashboardProps {
  readonly stage: StageSettings;
  readonly wired: WiredResources;
  readonly routeMetric: (routeId: string, metricName: string, statistic: string) => Metric;
  readonly searchDomain: IDomain;
  readonly alarms: readonly Alarm[];
}

/**
 * One CloudWatch dashboard: what the business watches (orders, payments, refunds, stock, the
 * reconciler) above what keeps it running (the API's two busiest routes, the saga, the
 * streams, the dead letters, the search domain) and the state of every alarm.
 */
export class OperationsDashboard extends Construct {
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { wired } = props;
    const graph = (title: string, left: IMetric[], width = 8) =>
      new GraphWidget({ title, left, width, height: 6, period: PERIOD });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `bazaar-${props.stage.name}`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '## Business', width: 24, height: 1 }),
      graph('Orders', [
        businessTotal('OrdersPlaced'),
        businessTotal('OrdersPaid'),
        businessTotal('OrdersRefunded'),
        businessBy('OrdersFailed', 'reason'),
      ]),
      graph('Payments and refunds', [
        businessTotal('PaymentsDeclined'),
        businessTotal('RefundsRequested'),
        businessTotal('RefundsFailed'),
        businessTotal('RefundsUnsettled', 'Refunds unsettled past 15 min'),
      ]),
      graph('Stock and the reconciler', [
        businessTotal('ReservationsExpired'),
        businessTotal('StockConflicts', 'Stock conflicts (oversells stopped)'),
        businessTotal('ReconcilerSettled'),
        businessTotal('ReconcilerFailed'),
        businessTotal('ReconcilerErrors'),
      ]),
      new TextWidget({ markdown: '## Technical', width: 24, height: 1 }),
      graph('Product page and checkout: requests and 5xx', [
        ...['GetProduct', 'Checkout'].flatMap((route) => [
          props.routeMetric(route, 'Count', 'Sum').with({ label: `${route} requests` }),
          props.routeMetric(route, '5xx', 'Sum').with({ label: `${route} 5xx` }),
        ]),
        businessBy('RateLimitedRequests', 'bucket'),
      ]),
      graph(
        'Product page and checkout: p99 latency (ms)',
        ['GetProduct', 'Checkout'].map((route) =>
          props.routeMetric(route, 'Latency', 'p99').with({ label: `${route} p99` }),
        ),
      ),
      graph(
        'Saga executions failed or timed out',
        [...wired.stateMachines].flatMap(([id, machine]) => [
          machine.metricFailed({ period: PERIOD, label: `${id} failed` }),
          machine.metricTimedOut({ period: PERIOD, label: `${id} timed out` }),
        ]),
      ),
      graph(
        'Stream consumers: iterator age (ms)',
        [...wired.streams].map(([id, fn]) =>
          fn.metric('IteratorAge', { statistic: 'Maximum', period: PERIOD, label: id }),
        ),
      ),
      graph('Dead letters waiting', [
        ...[...wired.deadLetterQueues].map(([id, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: id }),
        ),
        businessTotal('EventsRedelivered', 'Stream records redelivered'),
      ]),
      graph('Search domain status', [
        props.searchDomain.metricClusterStatusRed({ period: PERIOD, label: 'red' }),
        props.searchDomain.metricClusterStatusYellow({ period: PERIOD, label: 'yellow' }),
      ]),
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 6 }),
    );
  }
}
