/**
 * Turns what the local platform counted (`/_local/usage`) into what AWS would bill, line by
 * line, from the one price table (./prices). Pure arithmetic: the bench measures, this prices.
 */
import { routes } from '../../functions/manifest';
import type { UsageSnapshot } from '../../local/usage';
import { PRICES } from './prices';

export interface LineItem {
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export type MeasuredUsage = UsageSnapshot & { stepFunctions: { executions: number; transitions: number } };

/** What ServiceFunction gives a manifest handler when its entry names no memory (cdk/constructs/service-function.ts). */
export const DEFAULT_FUNCTION_MEMORY_MB = 512;

const routeMemory = new Map(routes.map((route) => [route.handler as string, route.memoryMb]));

/** A handler's configured memory: its route's `memoryMb`, else BazaarFunction's default. */
export function functionMemoryMb(handler: string): number {
  return routeMemory.get(handler) ?? DEFAULT_FUNCTION_MEMORY_MB;
}

/** Lambda bills each invocation's duration rounded up to the millisecond, at its memory in GB. */
export function lambdaGbSeconds(durationsMs: readonly number[], memoryMb: number): number {
  const billedMs = durationsMs.reduce((sum, ms) => sum + Math.max(1, Math.ceil(ms)), 0);
  return (billedMs / 1000) * (memoryMb / 1024);
}

export interface PricingOptions {
  /** Share of the measured requests that reach the origin (1 − the CDN's hit ratio). */
  originShare: number;
  /** Handlers run by schedules: a fixed cost, priced apart. */
  scheduled: ReadonlySet<string>;
}

/**
 * The line items of a measured run. Every API request is a CloudFront request (the API sits
 * behind the distribution; its responses leave AWS from CloudFront, origin to CloudFront being
 * free); what reaches the origin is scaled by `originShare`.
 */
export function priceUsage(usage: MeasuredUsage, options: PricingOptions): LineItem[] {
  const origin = (n: number) => n * options.originShare;
  const lambdas = Object.entries(usage.lambda).filter(([handler]) => !options.scheduled.has(handler));
  const invocations = lambdas.reduce((sum, [, each]) => sum + each.invocations, 0);
  const gbSeconds = lambdas.reduce(
    (sum, [handler, each]) => sum + lambdaGbSeconds(each.durationsMs, functionMemoryMb(handler)),
    0,
  );
  const tables = Object.values(usage.dynamodb);
  const readUnits = tables.reduce((sum, each) => sum + each.readUnits, 0);
  const writeUnits =
    tables.reduce((sum, each) => sum + each.writeUnits, 0) + usage.dynamodbUnreported.writeUnitsEstimate;
  const s3Reads = (usage.s3.GET ?? 0) + (usage.s3.HEAD ?? 0);
  const s3Writes = Object.entries(usage.s3)
    .filter(([method]) => !['GET', 'HEAD', 'OPTIONS'].includes(method))
    .reduce((sum, [, count]) => sum + count, 0);
  const gb = usage.api.bytesOut / 1024 ** 3;
  const items: LineItem[] = [
    line(
      'CloudFront requests',
      usage.api.requests,
      'requests',
      usage.api.requests * perMillion(PRICES.cloudFrontPerMillionRequests),
    ),
    line('CloudFront data transfer out', gb, 'GB', gb * PRICES.cloudFrontPerGbOut),
    line(
      'API Gateway HTTP API requests',
      origin(usage.api.requests),
      'requests',
      origin(usage.api.requests) * perMillion(PRICES.httpApiPerMillionRequests),
    ),
    line(
      'Lambda requests',
      origin(invocations),
      'invocations',
      origin(invocations) * perMillion(PRICES.lambdaPerMillionRequests),
    ),
    line('Lambda duration', origin(gbSeconds), 'GB-s', origin(gbSeconds) * PRICES.lambdaArmPerGbSecond),
    line(
      'DynamoDB reads',
      origin(readUnits),
      'RRU',
      origin(readUnits) * perMillion(PRICES.dynamodbPerMillionReadUnits),
    ),
    line(
      'DynamoDB writes',
      origin(writeUnits),
      'WRU',
      origin(writeUnits) * perMillion(PRICES.dynamodbPerMillionWriteUnits),
    ),
    line(
      'Step Functions transitions',
      origin(usage.stepFunctions.transitions),
      'transitions',
      (origin(usage.stepFunctions.transitions) / 1000) * PRICES.stepFunctionsPerThousandTransitions,
    ),
    line(
      'EventBridge events',
      origin(usage.eventbridge.billedEvents),
      'events',
      origin(usage.eventbridge.billedEvents) * perMillion(PRICES.eventBridgePerMillionEvents),
    ),
    line(
      'S3 requests (PUT/POST/LIST)',
      origin(s3Writes),
      'requests',
      (origin(s3Writes) / 1000) * PRICES.s3PerThousandWrites,
    ),
    line(
      'S3 requests (GET/HEAD)',
      origin(s3Reads),
      'requests',
      (origin(s3Reads) / 1000) * PRICES.s3PerThousandReads,
    ),
  ];
  return items;
}

/** The items scaled from `measuredUnits` (orders, views) to `perUnits` of them. */
export function scaleItems(items: readonly LineItem[], measuredUnits: number, perUnits: number): LineItem[] {
  const factor = perUnits / measuredUnits;
  return items.map((each) => ({ ...each, quantity: each.quantity * factor, usd: each.usd * factor }));
}

export function total(items: readonly LineItem[]): number {
  return items.reduce((sum, each) => sum + each.usd, 0);
}

export function biggest(items: readonly LineItem[], count = 3): LineItem[] {
  return [...items].sort((a, b) => b.usd - a.usd).slice(0, count);
}

function perMillion(price: number): number {
  return price / 1_000_000;
}

function line(item: string, quantity: number, unit: string, usd: number): LineItem {
  return { item, quantity, unit, usd };
}
