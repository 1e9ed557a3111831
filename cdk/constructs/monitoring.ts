import { Duration } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/manifests/types';
import type { BusinessMetric } from '../../shared/metrics';
import { OperationsDashboard } from './dashboard';
import type { StageSettings } from './platform';
import { METRICS_NAMESPACE } from './service-function';
import type { WiredResources } from './wired-resources';

/**
 * The business metrics the alarms watch, as the handlers emit them (EMF, shared/metrics.ts):
 * each with the `service` dimension Powertools adds, so an alarm names the emitting service.
 */
export const WATCHED_METRICS = {
  /** Pending orders the reconciler could settle neither way in a run (ReconcilePendingOrders). */
  reconcilerErrors: { metricName: 'ReconcilerErrors', service: 'orders' },
  /** Card refunds still `requested` past REFUND_UNSETTLED_ALARM_SECONDS (RetryRequestedRefunds). */
  refundsUnsettled: { metricName: 'RefundsUnsettled', service: 'payments' },
} as const satisfies Record<string, { metricName: BusinessMetric; service: string }>;

/** The schedule whose failures and per-order errors the reconciler alarm watches. */
export const RECONCILER_SCHEDULE = 'ReconcilePendingOrders';

/** Routes whose 5xx rate and p99 latency are alarmed, with the p99 each must stay under. */
export const WATCHED_ROUTES: Readonly<Record<string, { p99Ms: number }>> = {
  // The system design: product pages load in under 200 ms.
  GetProduct: { p99Ms: 200 },
  // Checkout writes the order and starts the saga; the charge happens after it answers.
  Checkout: { p99Ms: 2000 },
};

/** A route's 5xx share, in percent, that pages someone once the route has real traffic. */
const SERVER_ERROR_PERCENT = 1;
const SERVER_ERROR_MIN_REQUESTS = 20;
/**
 * Streams keep records 24 hours; a consumer this far behind for 15 minutes is falling behind
 * (it catches up in seconds normally), with most of the day left to fix it before loss.
 */
const ITERATOR_AGE_ALARM = Duration.minutes(5);

export interface MonitoringProps {
  readonly stage: StageSettings;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly wired: WiredResources;
  /** The routes manifest, for the watched routes' method and path. */
  readonly routes: readonly RouteDefinition[];
  readonly searchDomain: IDomain;
  /** Subscribed to the alarm topic by e-mail (context `alarmEmail`); no subscription when unset. */
  readonly alarmEmail?: string;
}

/**
 * Alarms for whatever strands money, orders or events, all sent to one SNS topic, and one
 * dashboard with the business metrics beside the technical ones. Written by hand rather than
 * with cdk-monitoring-constructs: that package is not installed here, and the alarms are
 * few and specific (dead letters, the saga, the reconciler, refunds, streams, two routes, the
 * search domain), each read off the manifest wiring.
 */
export class Monitoring extends Construct {
  public readonly topic: Topic;
  public readonly alarms: Alarm[] = [];
  public readonly dashboard: OperationsDashboard;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MonitoringProps,
  ) {
    super(scope, id);
    this.topic = this.alarmTopic();
    const { wired } = props;
    for (const [ruleId, queue] of wired.deadLetterQueues) {
      this.alarm(`${ruleId}DeadLetters`, {
        description: `Events ${ruleId} could not handle are waiting in its dead-letter queue`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
      });
    }
    for (const [machineId, machine] of wired.stateMachines) {
      this.alarm(`${machineId}ExecutionsFailed`, {
        description: `Executions of the ${machineId} state machine failed or timed out`,
        metric: new MathExpression({
          expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
          usingMetrics: {
            failed: machine.metricFailed({ period: Duration.minutes(1) }),
            timedOut: machine.metricTimedOut({ period: Duration.minutes(1) }),
          },
          label: 'Failed or timed out executions',
          period: Duration.minutes(1),
        }),
      });
    }
    this.reconcilerAlarm();
    this.alarm('RefundsUnsettled', {
      description:
        'Card refunds are still requested, unsettled, more than 15 minutes after they were asked for',
      metric: this.businessMetric(WATCHED_METRICS.refundsUnsettled, 'Maximum', Duration.minutes(5)),
    });
    for (const [streamId, consumer] of wired.streams) {
      this.alarm(`${streamId}IteratorAge`, {
        description: `${streamId} is falling behind its stream (records are kept 24 hours)`,
        metric: consumer.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
        threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
        evaluationPeriods: 3,
      });
    }
    for (const [routeId, watch] of Object.entries(WATCHED_ROUTES)) this.routeAlarms(routeId, watch.p99Ms);
    this.searchAlarms();
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      stage: props.stage,
      wired,
      routeMetric: (routeId, metricName, statistic) => this.routeMetric(routeId, metricName, statistic),
      searchDomain: props.searchDomain,
      alarms: this.alarms,
    });
  }

  /** An encrypted topic CloudWatch may publish to: the AWS managed SNS key admits no alarms. */
  private alarmTopic(): Topic {
    const key = new Key(this, 'AlarmTopicKey', {
      description: `Bazaar ${this.props.stage.name}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: this.props.stage.removalPolicy,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: `Bazaar ${this.props.stage.name} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (this.props.alarmEmail) topic.addSubscription(new EmailSubscription(this.props.alarmEmail));
    return topic;
  }

  private reconcilerAlarm(): void {
    const reconciler = this.props.wired.schedules.get(RECONCILER_SCHEDULE);
    if (!reconciler)
      throw new Error(`No schedule ${RECONCILER_SCHEDULE} was wired: the reconciler alarm needs it`);
    const period = Duration.minutes(5);
    this.alarm('ReconcilerErrors', {
      description:
        'The reconciler failed a run, or could settle some pending orders neither way (see its logs)',
      metric: new MathExpression({
        expression: 'FILL(orders, 0) + FILL(runs, 0)',
        usingMetrics: {
          orders: this.businessMetric(WATCHED_METRICS.reconcilerErrors, 'Sum', period),
          runs: reconciler.metricErrors({ period, statistic: 'Sum' }),
        },
        label: 'Reconciler errors',
        period,
      }),
    });
  }

  private routeAlarms(routeId: string, p99Ms: number): void {
    this.alarm(`${routeId}ServerErrorRate`, {
      description: `More than ${SERVER_ERROR_PERCENT}% of ${routeId} requests answered 5xx`,
      metric: new MathExpression({
        expression: `IF(requests >= ${SERVER_ERROR_MIN_REQUESTS}, 100 * FILL(errors, 0) / requests, 0)`,
        usingMetrics: {
          errors: this.routeMetric(routeId, '5xx', 'Sum'),
          requests: this.routeMetric(routeId, 'Count', 'Sum'),
        },
        label: `${routeId} 5xx %`,
        period: Duration.minutes(5),
      }),
      threshold: SERVER_ERROR_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });
    this.alarm(`${routeId}LatencyP99`, {
      description: `${routeId} p99 latency is over ${p99Ms} ms`,
      metric: this.routeMetric(routeId, 'Latency', 'p99'),
      threshold: p99Ms,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
  }

  /** A per-route HTTP API metric: the stage has detailed metrics on (BazaarStack). */
  routeMetric(routeId: string, metricName: string, statistic: string): Metric {
    const route = this.props.routes.find((candidate) => candidate.id === routeId);
    if (!route) throw new Error(`No route ${routeId} in the routes manifest: the API alarms watch it`);
    return new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: {
        ApiId: this.props.api.apiId,
        Stage: this.props.apiStage.stageName,
        Resource: route.path,
        Method: route.method,
      },
      statistic,
      period: Duration.minutes(5),
    });
  }

  private searchAlarms(): void {
    const { searchDomain } = this.props;
    this.alarm('SearchClusterRed', {
      description: 'The search domain is red: a primary shard is unassigned, searches fail or miss products',
      metric: searchDomain.metricClusterStatusRed({ period: Duration.minutes(1), statistic: 'Maximum' }),
    });
    this.alarm('SearchClusterYellow', {
      description: 'The search domain is yellow: a replica shard is unassigned, one node from losing data',
      metric: searchDomain.metricClusterStatusYellow({ period: Duration.minutes(1), statistic: 'Maximum' }),
      evaluationPeriods: 10,
    });
  }

  private businessMetric(
    watched: { metricName: string; service: string },
    statistic: string,
    period: Duration,
  ): Metric {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: watched.metricName,
      dimensionsMap: { service: watched.service },
      statistic,
      period,
    });
  }

  /** An alarm at ≥ 1 (unless told) that a quiet metric does not trip, sent to the topic both ways. */
  private alarm(
    id: string,
    options: {
      description: string;
      metric: IMetric;
      threshold?: number;
      comparisonOperator?: ComparisonOperator;
      evaluationPeriods?: number;
    },
  ): Alarm {
    const alarm = new Alarm(this, `${id}Alarm`, {
      alarmName: `bazaar-${this.props.stage.name}-${id}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold ?? 1,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }
}
