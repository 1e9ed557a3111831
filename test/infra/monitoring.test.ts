import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RECONCILER_SCHEDULE, WATCHED_METRICS, WATCHED_ROUTES } from '../../cdk/constructs/monitoring';
import type { BazaarStack } from '../../cdk/lib/bazaar-stack';
import { routes, rules, schedules, stateMachines, streams } from '../../functions/manifest';
import { logicalIdOf, referencedIds, synthBazaar, TemplateIndex } from './support/templates';

let stack: BazaarStack;
let template: Template;
let index: TemplateIndex;

beforeAll(() => {
  ({ stack, template } = synthBazaar({ alarmEmail: 'oncall@example.com' }));
  index = new TemplateIndex(template);
});

type AlarmProps = {
  AlarmName: string;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  Metrics?: Array<{ Id: string; Expression?: string; MetricStat?: { Metric: Record<string, unknown> } }>;
  Threshold: number;
  AlarmActions?: unknown[];
  OKActions?: unknown[];
};

const alarms = () => index.ofType('AWS::CloudWatch::Alarm').map(([, props]) => props as AlarmProps);
const alarmNamed = (suffix: string) => {
  const found = alarms().find((alarm) => alarm.AlarmName === `bazaar-dev-${suffix}`);
  if (!found) throw new Error(`No alarm bazaar-dev-${suffix}`);
  return found;
};
/** Every metric an alarm reads, whether it is a single metric or a metric math expression. */
const metricsOf = (alarm: AlarmProps) =>
  alarm.Metrics
    ? alarm.Metrics.flatMap((each) => (each.MetricStat ? [each.MetricStat.Metric] : []))
    : [{ MetricName: alarm.MetricName, Namespace: alarm.Namespace, Dimensions: alarm.Dimensions }];

describe('alarms', () => {
  it('watch every dead-letter queue, one alarm each, on its own queue', () => {
    const withQueues = [...rules, ...streams, ...schedules].map((entry) => entry.id);
    expect(withQueues.length).toBeGreaterThan(10);
    const queueIds = index.ofType('AWS::SQS::Queue').map(([id]) => id);
    for (const id of withQueues) {
      const [metric] = metricsOf(alarmNamed(`${id}DeadLetters`));
      expect(metric).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
      });
      const watched = [...referencedIds(metric)];
      expect(watched).toHaveLength(1);
      expect(queueIds).toContain(watched[0]);
      expect(watched[0]).toMatch(/DeadLetters/);
    }
    const dlqAlarms = alarms().filter((alarm) => alarm.AlarmName.endsWith('DeadLetters'));
    expect(dlqAlarms).toHaveLength(withQueues.length);
  });

  it('watch every state machine for failed and timed-out executions', () => {
    for (const machine of stateMachines) {
      const alarm = alarmNamed(`${machine.id}ExecutionsFailed`);
      expect(
        metricsOf(alarm)
          .map((metric) => metric.MetricName)
          .sort(),
      ).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut']);
      expect(alarm.Threshold).toBe(1);
    }
  });

  it('watch the reconciler: its per-order errors and its failed runs', () => {
    const alarm = alarmNamed('ReconcilerErrors');
    const metrics = metricsOf(alarm);
    expect(metrics).toContainEqual(
      expect.objectContaining({
        MetricName: WATCHED_METRICS.reconcilerErrors.metricName,
        Namespace: 'Bazaar',
        Dimensions: [{ Name: 'service', Value: 'orders' }],
      }),
    );
    const lambdaErrors = metrics.find((metric) => metric.MetricName === 'Errors');
    expect(lambdaErrors).toMatchObject({ Namespace: 'AWS/Lambda' });
    const [fn] = [...referencedIds(lambdaErrors)];
    expect(stack.monitoring).toBeDefined();
    expect(fn).toBe(logicalIdOf(findWired(RECONCILER_SCHEDULE)));
  });

  it('watch refunds left unsettled past 15 minutes', () => {
    const [metric] = metricsOf(alarmNamed('RefundsUnsettled'));
    expect(metric).toEqual({
      MetricName: 'RefundsUnsettled',
      Namespace: 'Bazaar',
      Dimensions: [{ Name: 'service', Value: 'payments' }],
    });
  });

  it("watch every stream consumer's iterator age: the search indexer and each outbox relay", () => {
    expect(streams.map((stream) => stream.id)).toEqual(
      expect.arrayContaining(['IndexProducts', 'RelayOrderEvents', 'RelayPaymentEvents']),
    );
    for (const stream of streams) {
      const alarm = alarmNamed(`${stream.id}IteratorAge`);
      const [metric] = metricsOf(alarm);
      expect(metric).toMatchObject({ MetricName: 'IteratorAge', Namespace: 'AWS/Lambda' });
      expect([...referencedIds(metric)]).toEqual([logicalIdOf(findWired(stream.id))]);
      expect(alarm.Threshold).toBeLessThan(24 * 60 * 60 * 1000);
    }
  });

  it('watch the 5xx rate and p99 latency of the product page and checkout, per route', () => {
    for (const routeId of ['GetProduct', 'Checkout']) {
      const route = routes.find((candidate) => candidate.id === routeId)!;
      const routeDimensions = expect.arrayContaining([
        { Name: 'Resource', Value: route.path },
        { Name: 'Method', Value: route.method },
        { Name: 'Stage', Value: '$default' },
      ]);
      const rate = alarmNamed(`${routeId}ServerErrorRate`);
      expect(
        metricsOf(rate)
          .map((metric) => metric.MetricName)
          .sort(),
      ).toEqual(['5xx', 'Count']);
      for (const metric of metricsOf(rate)) expect(metric.Dimensions).toEqual(routeDimensions);
      const latency = alarmNamed(`${routeId}LatencyP99`);
      expect(latency).toMatchObject({ MetricName: 'Latency', Threshold: WATCHED_ROUTES[routeId]!.p99Ms });
      expect(latency.Dimensions).toEqual(routeDimensions);
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: Match.objectLike({ DetailedMetricsEnabled: true }),
    });
  });

  it('watch the search domain turning red or yellow', () => {
    expect(alarmNamed('SearchClusterRed').MetricName).toBe('ClusterStatus.red');
    expect(alarmNamed('SearchClusterYellow').MetricName).toBe('ClusterStatus.yellow');
  });

  it('all go to the alarm topic, when they fire and when they clear', () => {
    const [topicId] = index.ofType('AWS::SNS::Topic').map(([id]) => id);
    expect(alarms().length).toBeGreaterThan(25);
    for (const alarm of alarms()) {
      expect([...referencedIds(alarm.AlarmActions)]).toEqual([topicId]);
      expect([...referencedIds(alarm.OKActions)]).toEqual([topicId]);
    }
  });
});

describe('the alarm topic', () => {
  it('is encrypted with a rotated key CloudWatch may use, refuses plain HTTP, and e-mails alarmEmail', () => {
    const [topicId, topic] = index.only('AWS::SNS::Topic') as [string, { KmsMasterKeyId: unknown }];
    const [keyId] = [...referencedIds(topic.KmsMasterKeyId)];
    const key = index.resources[keyId!] as { Properties: Record<string, unknown> };
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    const policies = index.ofType('AWS::SNS::TopicPolicy') as Array<[string, Record<string, unknown>]>;
    const policy = policies.find(([, props]) => referencedIds(props.Topics).has(topicId!));
    expect(JSON.stringify(policy?.[1].PolicyDocument)).toContain('aws:SecureTransport');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
  });

  it('has no subscription when no alarmEmail is given', () => {
    const bare = synthBazaar();
    expect(new TemplateIndex(bare.template).ofType('AWS::SNS::Subscription')).toEqual([]);
  });
});

describe('the dashboard', () => {
  it('is one dashboard with the business metrics beside the technical ones', () => {
    const dashboards = index.ofType('AWS::CloudWatch::Dashboard') as Array<
      [string, { DashboardBody: unknown }]
    >;
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].DashboardBody);
    for (const business of [
      'OrdersPlaced',
      'OrdersPaid',
      'OrdersFailed',
      'PaymentsDeclined',
      'RefundsUnsettled',
      'StockConflicts',
      'ReconcilerErrors',
    ]) {
      expect(body).toContain(business);
    }
    for (const technical of [
      'IteratorAge',
      'ApproximateNumberOfMessagesVisible',
      'ExecutionsFailed',
      'Latency',
      'ClusterStatus.red',
    ]) {
      expect(body).toContain(technical);
    }
  });
});

describe('checks', () => {
  it('leave no cdk-nag finding in the monitoring stack unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(Stack.of(stack.monitoring));
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

function findWired(id: string) {
  const fn = stack.node.findAll().find((construct) => construct.node.id === `${id}Function`);
  if (!fn) throw new Error(`No function for ${id}`);
  return fn;
}
