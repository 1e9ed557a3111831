import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SearchIndex } from '../../functions/search/search-index';
import { intEnv } from '../../shared/config';
import { type AuditOptions, type CheckResult, runChecks } from './checks';
import { type AuditTable, type ProviderState, takeSnapshot } from './snapshot';

export type { AuditOptions, CheckResult } from './checks';
export type { ProviderState, Snapshot } from './snapshot';

export interface AuditReport {
  at: string;
  checks: CheckResult[];
  violations: number;
}

/** The windows the platform runs with, as its schedules read them. */
export function auditOptionsFromEnvironment(now = Date.now()): AuditOptions {
  return {
    now,
    reconcilerWindowSeconds: intEnv('RECONCILE_AFTER_SECONDS', 600),
    releaseEverySeconds: intEnv('RELEASE_EXPIRED_EVERY_SECONDS', 60),
  };
}

/** Reads the books (tables straight from DynamoDB Local, the provider's state) and checks every invariant. */
export async function audit(input: {
  doc: DynamoDBDocumentClient;
  tableName: (id: AuditTable) => string;
  provider: () => Promise<ProviderState> | ProviderState;
  searchIndex?: SearchIndex;
  options: AuditOptions;
}): Promise<AuditReport> {
  const snapshot = await takeSnapshot(input);
  const checks = runChecks(snapshot, input.options);
  return {
    at: new Date(input.options.now).toISOString(),
    checks,
    violations: checks.reduce((total, result) => total + result.violations, 0),
  };
}

/** The report as a table, one invariant a line, with the first violations under it. */
export function formatReport(report: AuditReport): string {
  const width = Math.max(...report.checks.map((result) => result.name.length));
  const lines = report.checks.map((result) => {
    const head = `${result.violations === 0 ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(width)}  ${String(result.violations).padStart(5)}  ${result.description}`;
    return [head, ...result.examples.map((example) => `        ${example}`)].join('\n');
  });
  return [...lines, `audit: ${report.violations} invariant violations`].join('\n');
}
