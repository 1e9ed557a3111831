/**
 * AWS list prices in us-east-1 (N. Virginia), on-demand, first pricing tier, without free
 * tiers, as AWS's public pricing pages for each service state them. Written down on
 * 2026-12-02 from those pages as the authors knew them; re-check each figure against the
 * pages before quoting a bill (prices only ever change there, never here on their own).
 */
export const PRICES_AS_OF = '2026-12-02';
export const PRICES_SOURCE =
  "AWS's public pricing pages for API Gateway, Lambda, DynamoDB, Step Functions, EventBridge, CloudFront, S3, OpenSearch Service, CloudWatch, Secrets Manager and KMS (us-east-1, on-demand)";

export const PRICES = {
  /** HTTP API, first 300 million a month; each 512 KB of a request or response counts as one more. */
  httpApiPerMillionRequests: 1.0,
  httpApiRequestChunkBytes: 512 * 1024,
  /** Lambda on arm64 (BazaarFunction's architecture). */
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  /** DynamoDB on-demand (after the November 2024 reduction). */
  dynamodbPerMillionWriteUnits: 0.625,
  dynamodbPerMillionReadUnits: 0.125,
  /** Standard workflows. */
  stepFunctionsPerThousandTransitions: 0.025,
  /** Custom events published to a bus, per 64 KB chunk; AWS services' events are free. */
  eventBridgePerMillionEvents: 1.0,
  eventBridgeSchedulerPerMillionInvocations: 1.0,
  /** HTTPS requests, United States and Canada; data out to the internet, first 10 TB. */
  cloudFrontPerMillionRequests: 1.0,
  cloudFrontPerGbOut: 0.085,
  /** Beyond the first 1,000 paths a month. */
  cloudFrontPerInvalidationPath: 0.005,
  /** S3 Standard. */
  s3PerThousandWrites: 0.005,
  s3PerThousandReads: 0.0004,
  /** Instance hours by OpenSearch Service instance type, and gp3 storage. */
  openSearchPerHour: {
    't3.small.search': 0.036,
    'm7g.large.search': 0.136,
    'r7g.large.search': 0.167,
  } as Record<string, number>,
  openSearchGp3PerGbMonth: 0.122,
  cloudWatchPerAlarmMonth: 0.1,
  /** Beyond the first three dashboards. */
  cloudWatchPerDashboardMonth: 3.0,
  cloudWatchFreeDashboards: 3,
  secretsManagerPerSecretMonth: 0.4,
  kmsPerKeyMonth: 1.0,
} as const;

export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = 30;
