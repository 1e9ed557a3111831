/**
 * What the production stack costs a month before anyone buys anything, read off the stack
 * itself: `cdk synth`'s templates for the production stage (bundling skipped), so alarms,
 * dashboards, secrets, keys and the search domain are counted as deployed, not as remembered.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { createBazaarApp } from '../../cdk/lib/bazaar-app';
import { schedules } from '../../functions/manifest';
import { functionMemoryMb, type LineItem, lambdaGbSeconds } from './cost-model';
import { DAYS_PER_MONTH, HOURS_PER_MONTH, PRICES } from './prices';

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** Every resource of the production stage's stacks, nested ones included. */
export function productionResources(): Resource[] {
  const repoRoot = join(__dirname, '..', '..');
  const context = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context;
  const outdir = mkdtempSync(join(tmpdir(), 'bazaar-cost-'));
  try {
    const { stack } = createBazaarApp({
      outdir,
      builtinCloudFormationValidation: false,
      treeMetadata: false,
      stackTraces: false,
      context: { ...context, 'aws:cdk:bundling-stacks': [], stage: 'prod' },
    });
    return stack.node
      .findAll()
      .filter((construct): construct is Stack => Stack.isStack(construct))
      .flatMap((each) => Object.values(templateOf(each).Resources ?? {}));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function templateOf(stack: Stack): { Resources?: Record<string, Resource> } {
  // The synthesized template without writing the cloud assembly (what Template.fromStack reads too).
  return (
    stack as unknown as { _toCloudFormation(): { Resources?: Record<string, Resource> } }
  )._toCloudFormation();
}

/**
 * The monthly fixed costs: the search domain's instance hours and storage, alarms, dashboards,
 * secrets, KMS keys, and the schedules (each tick's Lambda at its measured mean duration, or
 * 100 ms when the run never saw it).
 */
export function fixedMonthlyCosts(
  resources: readonly Resource[],
  measuredDurationsMs: Record<string, readonly number[]>,
): LineItem[] {
  const count = (type: string) => resources.filter((each) => each.Type === type).length;
  const items: LineItem[] = [];
  for (const domain of resources.filter((each) => each.Type === 'AWS::OpenSearchService::Domain')) {
    const cluster = (domain.Properties?.ClusterConfig ?? {}) as Record<string, unknown>;
    const ebs = (domain.Properties?.EBSOptions ?? {}) as Record<string, unknown>;
    const nodes: Array<[string, number]> = [
      [String(cluster.InstanceType), Number(cluster.InstanceCount ?? 1)],
    ];
    if (cluster.DedicatedMasterEnabled) {
      nodes.push([String(cluster.DedicatedMasterType), Number(cluster.DedicatedMasterCount ?? 0)]);
    }
    for (const [type, instances] of nodes) {
      const hourly = PRICES.openSearchPerHour[type];
      if (hourly === undefined) throw new Error(`No price for ${type} in bench/lib/prices.ts`);
      const hours = instances * HOURS_PER_MONTH;
      items.push({
        item: `OpenSearch ${instances} × ${type}`,
        quantity: hours,
        unit: 'instance-hours',
        usd: hours * hourly,
      });
    }
    const gb = Number(ebs.VolumeSize ?? 0) * Number(cluster.InstanceCount ?? 1);
    items.push({
      item: 'OpenSearch gp3 storage',
      quantity: gb,
      unit: 'GB-months',
      usd: gb * PRICES.openSearchGp3PerGbMonth,
    });
  }
  const alarms = count('AWS::CloudWatch::Alarm') + count('AWS::CloudWatch::CompositeAlarm');
  items.push({
    item: 'CloudWatch alarms',
    quantity: alarms,
    unit: 'alarms',
    usd: alarms * PRICES.cloudWatchPerAlarmMonth,
  });
  const dashboards = count('AWS::CloudWatch::Dashboard');
  const billedDashboards = Math.max(0, dashboards - PRICES.cloudWatchFreeDashboards);
  items.push({
    item: 'CloudWatch dashboards',
    quantity: dashboards,
    unit: 'dashboards',
    usd: billedDashboards * PRICES.cloudWatchPerDashboardMonth,
  });
  const secrets = count('AWS::SecretsManager::Secret');
  items.push({
    item: 'Secrets Manager secrets',
    quantity: secrets,
    unit: 'secrets',
    usd: secrets * PRICES.secretsManagerPerSecretMonth,
  });
  const keys = count('AWS::KMS::Key');
  items.push({ item: 'KMS customer keys', quantity: keys, unit: 'keys', usd: keys * PRICES.kmsPerKeyMonth });
  for (const schedule of schedules) {
    const ticks = (DAYS_PER_MONTH * 86_400) / schedule.everySeconds;
    const measured = measuredDurationsMs[schedule.handler] ?? [];
    const meanMs = measured.length ? measured.reduce((a, b) => a + b, 0) / measured.length : 100;
    const usd =
      (ticks * (PRICES.eventBridgeSchedulerPerMillionInvocations + PRICES.lambdaPerMillionRequests)) / 1e6 +
      ticks * lambdaGbSeconds([meanMs], functionMemoryMb(schedule.handler)) * PRICES.lambdaArmPerGbSecond;
    items.push({
      item: `Schedule ${schedule.id} (every ${schedule.everySeconds} s)`,
      quantity: ticks,
      unit: 'runs',
      usd,
    });
  }
  return items;
}
