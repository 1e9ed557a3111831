import type { Stack } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tables as tableManifest } from '../../functions/manifest';
import type { TableDefinition, TableId } from '../../shared/manifests/types';
import { rootStackOf, type StageSettings } from './platform';

/** `rate-limits` → `RateLimits`: construct ids from manifest ids. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

const createdTables = new WeakMap<Stack, Set<TableId>>();

/**
 * The manifest tables created so far in a stack (its nested stacks included), so the stack can
 * prove none was left out.
 */
export function createdTablesOf(stack: Stack): ReadonlySet<TableId> {
  return createdTables.get(stack) ?? new Set();
}

function keyOf(definition: TableDefinition, name: string): Attribute {
  const numeric = definition.numericKeys?.includes(name) ?? false;
  return { name, type: numeric ? AttributeType.NUMBER : AttributeType.STRING };
}

/**
 * One DynamoDB table exactly as the tables manifest declares it: keys, GSIs (all attributes
 * projected unless `include` lists some), stream and TTL; on-demand, point-in-time recovery,
 * encrypted with the AWS managed key, kept in production and destroyed with other stages.
 */
export function manifestTable(scope: Construct, definition: TableDefinition, stage: StageSettings): Table {
  const table = new Table(scope, `${pascalCase(definition.id)}Table`, {
    partitionKey: keyOf(definition, definition.partitionKey),
    sortKey: definition.sortKey ? keyOf(definition, definition.sortKey) : undefined,
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    stream: definition.stream ? StreamViewType[definition.stream] : undefined,
    timeToLiveAttribute: definition.ttlAttribute,
    deletionProtection: stage.production,
    removalPolicy: stage.removalPolicy,
  });
  for (const gsi of definition.gsis ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: gsi.name,
      partitionKey: keyOf(definition, gsi.partitionKey),
      sortKey: gsi.sortKey ? keyOf(definition, gsi.sortKey) : undefined,
      projectionType: gsi.include ? ProjectionType.INCLUDE : ProjectionType.ALL,
      nonKeyAttributes: gsi.include,
    });
  }
  const root = rootStackOf(scope);
  createdTables.set(root, (createdTables.get(root) ?? new Set<TableId>()).add(definition.id));
  return table;
}

/** Every table the manifest gives to `owner`, keyed by table id. */
export function serviceTables(
  scope: Construct,
  owner: string,
  stage: StageSettings,
  definitions: readonly TableDefinition[] = tableManifest,
): Partial<Record<TableId, Table>> {
  const owned = definitions.filter((definition) => definition.owner === owner);
  return Object.fromEntries(
    owned.map((definition) => [definition.id, manifestTable(scope, definition, stage)]),
  );
}

/** The one table of `id` among a service's tables, or a clear error naming what is missing. */
export function requireTable(tables: Partial<Record<TableId, Table>>, id: TableId, owner: string): Table {
  const table = tables[id];
  if (!table) throw new Error(`The tables manifest declares no table "${id}" owned by ${owner}`);
  return table;
}
