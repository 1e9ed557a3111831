import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../shared/manifests/types';

/** Local table names: `bazaar-<id>`, plus a suffix when one DynamoDB Local serves several runs. */
export function localTableName(table: TableDefinition, prefix = 'bazaar'): string {
  return `${prefix}-${table.id}`;
}

/** The CreateTable input for a manifest table (all keys are strings; on-demand billing). */
export function createTableInput(table: TableDefinition, name: string): CreateTableCommandInput {
  const attributes = new Set<string>([table.partitionKey]);
  if (table.sortKey) attributes.add(table.sortKey);
  for (const gsi of table.gsis ?? []) {
    attributes.add(gsi.partitionKey);
    if (gsi.sortKey) attributes.add(gsi.sortKey);
  }
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((AttributeName) => ({
      AttributeName,
      AttributeType: keyTypeOf(table, AttributeName),
    })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    GlobalSecondaryIndexes: table.gsis?.length
      ? table.gsis.map((gsi) => ({
          IndexName: gsi.name,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: 'HASH' as const },
            ...(gsi.sortKey ? [{ AttributeName: gsi.sortKey, KeyType: 'RANGE' as const }] : []),
          ],
          Projection: gsi.include
            ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: gsi.include }
            : { ProjectionType: 'ALL' as const },
        }))
      : undefined,
    StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: table.stream } : undefined,
  };
}

async function addMissingIndexes(
  client: DynamoDBClient,
  table: TableDefinition,
  name: string,
): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const wanted = createTableInput(table, name);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: wanted.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}

function keyTypeOf(table: TableDefinition, attribute: string): 'S' | 'N' {
  return table.numericKeys?.includes(attribute) ? 'N' : 'S';
}

/**
 * Creates every manifest table that does not exist yet (a restart with a data dir keeps them),
 * and adds to a kept table the indexes, stream and TTL the manifest has gained since, as a
 * deploy would.
 */
export async function ensureTables(
  client: DynamoDBClient,
  definitions: TableDefinition[],
  nameOf: (table: TableDefinition) => string,
): Promise<void> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);
  for (const table of definitions) {
    const name = nameOf(table);
    if (existing.has(name)) {
      await addMissingIndexes(client, table, name);
      await addMissingStream(client, table, name);
    } else {
      await client.send(new CreateTableCommand(createTableInput(table, name)));
    }
    if (table.ttlAttribute) await enableTtl(client, name, table.ttlAttribute);
  }
  for (const table of definitions) {
    for (;;) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: nameOf(table) }));
      const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every(
        (index) => index.IndexStatus === undefined || index.IndexStatus === 'ACTIVE',
      );
      if (Table?.TableStatus === 'ACTIVE' && indexesReady) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * A table kept in a data dir from before the manifest gave it a stream (the outbox relays)
 * gets it now, as CloudFormation would update the table on AWS.
 */
async function addMissingStream(client: DynamoDBClient, table: TableDefinition, name: string): Promise<void> {
  if (!table.stream) return;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  if (Table?.StreamSpecification?.StreamEnabled) return;
  await client.send(
    new UpdateTableCommand({
      TableName: name,
      StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
    }),
  );
}

async function enableTtl(client: DynamoDBClient, name: string, attribute: string): Promise<void> {
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { Enabled: true, AttributeName: attribute },
    }),
  );
}
