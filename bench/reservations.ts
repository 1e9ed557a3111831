/**
 * Reservations under contention on one product, side by side, against DynamoDB Local:
 *   (a) the spec's optimistic locking: read the version, write conditional on it, retry on conflict;
 *   (b) one conditional update with no read (`available >= q`);
 *   (c) Bazaar's reserve(): one transaction with the reservation record (what checkout runs);
 *   (d) reserve() on sharded stock (8 shards).
 * Prints reservations/s, p50/p99 latency, retries and oversold units. Asserts nothing.
 *
 *   npx tsx bench/reservations.ts [--stock 1000] [--clients 50]
 */
import '../local/polyfills';

process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryRepository } from '../functions/inventory/repository';
import { enableSharding, type InventoryDeps, reserve } from '../functions/inventory/service';
import { newStockRecordPut, stockKey } from '../functions/inventory/stock-records';
import { tableById } from '../functions/manifest';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureTables, localTableName } from '../local/tables';
import { isConditionFailure } from '../shared/dynamo-errors';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

interface Outcome {
  ok: boolean;
  retries: number;
}

async function run(
  label: string,
  stock: number,
  clients: number,
  attempt: () => Promise<Outcome>,
  finalLevel: () => Promise<{ available: number; reserved: number }>,
): Promise<void> {
  const latencies: number[] = [];
  let succeeded = 0;
  let retries = 0;
  let soldOut = false;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!soldOut) {
        const t = performance.now();
        const outcome = await attempt();
        latencies.push(performance.now() - t);
        retries += outcome.retries;
        if (outcome.ok) succeeded++;
        else soldOut = true;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const level = await finalLevel();
  const oversold = Math.max(0, succeeded - stock) + Math.max(0, -level.available);
  console.log(
    `${label.padEnd(44)} ${(succeeded / seconds).toFixed(0).padStart(6)} reservations/s  ` +
      `p50 ${at(0.5).toFixed(1).padStart(6)} ms  p99 ${at(0.99).toFixed(1).padStart(7)} ms  ` +
      `retries ${String(retries).padStart(6)}  reserved ${succeeded}/${stock}  final available ${level.available}  oversold ${oversold}`,
  );
}

async function main(): Promise<void> {
  const stock = argument('stock', 1000);
  const clients = argument('clients', 50);
  const dynamo = await startDynamoDbLocal();
  try {
    const table = tableById('inventory');
    const tableName = localTableName(table);
    await ensureTables(new DynamoDBClient({ endpoint: dynamo.endpoint }), [table], () => tableName);
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      }),
    );
    const now = () => new Date().toISOString();
    const newProduct = async () => {
      const productId = `prod_BENCH${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      await doc.send(
        new PutCommand(
          newStockRecordPut(tableName, { productId, sellerId: 'usr_BENCH', available: stock, now: now() })
            .Put as never,
        ),
      );
      return productId;
    };
    const levelOf = async (productId: string) => {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tableName, Key: stockKey(productId), ConsistentRead: true }),
      );
      return { available: Item!.available as number, reserved: Item!.reserved as number };
    };
    const deps: InventoryDeps = {
      inventory: inventoryRepository(doc, tableName),
      now: () => new Date(),
      reservationTtlSeconds: 600,
    };
    console.log(
      `${stock} units, ${clients} concurrent buyers, one unit each, DynamoDB Local on this machine`,
    );

    const optimistic = await newProduct();
    await run(
      '(a) optimistic lock: read version, write on it',
      stock,
      clients,
      async () => {
        for (let retries = 0; ; retries++) {
          const { Item } = await doc.send(
            new GetCommand({ TableName: tableName, Key: stockKey(optimistic), ConsistentRead: true }),
          );
          if ((Item!.available as number) < 1) return { ok: false, retries };
          try {
            await doc.send(
              new UpdateCommand({
                TableName: tableName,
                Key: stockKey(optimistic),
                UpdateExpression:
                  'SET available = available - :one, reserved = reserved + :one, version = version + :one',
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':one': 1, ':version': Item!.version },
              }),
            );
            return { ok: true, retries };
          } catch (error) {
            if (!isConditionFailure(error)) throw error;
          }
        }
      },
      () => levelOf(optimistic),
    );

    const conditional = await newProduct();
    await run(
      '(b) one conditional update, no read',
      stock,
      clients,
      async () => {
        try {
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: stockKey(conditional),
              UpdateExpression:
                'SET available = available - :one, reserved = reserved + :one, version = version + :one',
              ConditionExpression: 'available >= :one',
              ExpressionAttributeValues: { ':one': 1 },
            }),
          );
          return { ok: true, retries: 0 };
        } catch (error) {
          if (isConditionFailure(error)) return { ok: false, retries: 0 };
          throw error;
        }
      },
      () => levelOf(conditional),
    );

    const transactional = await newProduct();
    await run(
      '(c) reserve(): transaction with reservation',
      stock,
      clients,
      async () => {
        try {
          await reserve(`ord_${randomUUID()}`, [{ productId: transactional, quantity: 1 }], deps);
          return { ok: true, retries: 0 };
        } catch (error) {
          if ((error as Error).name === 'OutOfStockError') return { ok: false, retries: 0 };
          throw error;
        }
      },
      () => levelOf(transactional),
    );

    const sharded = await newProduct();
    await enableSharding(sharded, { userId: 'usr_BENCH', isAdmin: false }, 8, deps);
    await run(
      '(d) reserve() on 8 shards',
      stock,
      clients,
      async () => {
        try {
          await reserve(`ord_${randomUUID()}`, [{ productId: sharded, quantity: 1 }], deps);
          return { ok: true, retries: 0 };
        } catch (error) {
          if ((error as Error).name !== 'OutOfStockError') throw error;
          // Out of stock means every shard was tried; the final sum below confirms it.
          return { ok: false, retries: 0 };
        }
      },
      async () => {
        const level = await deps.inventory.getStock(sharded);
        return { available: level!.available, reserved: level!.reserved };
      },
    );
    console.log(
      'Retries count re-reads after a lost version race; DynamoDB Local serialises writes, so real DynamoDB (which also cancels conflicting transactions) will differ.',
    );
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
