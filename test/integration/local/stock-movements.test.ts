import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryRepository } from '../../../functions/inventory/repository';
import { newStockRecordPut } from '../../../functions/inventory/stock-records';
import { stockChecks } from '../../../local/audit/checks';
import type { Item, Snapshot } from '../../../local/audit/snapshot';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';

const doc = testDocumentClient();
const table = tableName('INVENTORY_TABLE_NAME');
const seller = { userId: 'usr_MOVEMENTSELLER', isAdmin: false };
const repository = inventoryRepository(doc, table);
const now = () => new Date().toISOString();
const orderId = () => `ord_MV${randomUUID().replace(/-/g, '').slice(0, 24)}`;

async function newProduct(available: number): Promise<string> {
  const productId = newId('prod');
  const put = newStockRecordPut(table, { productId, sellerId: seller.userId, available, now: now() });
  await doc.send(new PutCommand(put.Put as never));
  return productId;
}

/** The inventory items of these products (their stock records and the movements naming them). */
async function booksOf(productIds: string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const productId of productIds) {
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `STOCK#${productId}` },
      }),
    );
    items.push(...(Items ?? []));
  }
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: table,
        ExclusiveStartKey,
        FilterExpression: '#type = :movement',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':movement': 'STOCK_MOVEMENT' },
      }),
    );
    for (const item of page.Items ?? []) {
      if ((item.product_ids as string[]).some((id) => productIds.includes(id))) items.push(item);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

async function movementViolations(productIds: string[]): Promise<string[]> {
  const snapshot = { inventory: await booksOf(productIds), orders: [] } as unknown as Snapshot;
  const [movements] = stockChecks(snapshot, {
    now: Date.now(),
    reconcilerWindowSeconds: 600,
    releaseEverySeconds: 60,
  });
  return movements!.examples;
}

describe('stock movements: every stock change leaves its trace in the same transaction', () => {
  it('adds up to the stock after seller deltas, reservations, commits, releases and restocks', async () => {
    const a = await newProduct(20);
    const b = await newProduct(5);
    await repository.adjust(a, seller, 7, undefined, now());
    await repository.adjust(b, seller, -2, undefined, now());
    const paid = orderId();
    const lines = [
      { productId: a, quantity: 3 },
      { productId: b, quantity: 1 },
    ];
    await repository.reserve(paid, lines, new Date(Date.now() + 600_000).toISOString(), now());
    await repository.transition(paid, ['held'], 'charging', 'none', now());
    await repository.transition(paid, ['charging'], 'committed', 'commit', now());
    await repository.restock(paid, 'ret_1', [{ productId: a, quantity: 2 }], now());
    const dropped = orderId();
    await repository.reserve(
      dropped,
      [{ productId: a, quantity: 4 }],
      new Date(Date.now() + 600_000).toISOString(),
      now(),
    );
    await repository.transition(dropped, ['held'], 'released', 'release', now());

    expect(await movementViolations([a, b])).toEqual([]);
    const stockA = await repository.getStock(a);
    expect(stockA).toMatchObject({ available: 26, reserved: 0, sold: 1 });
    const kinds = (await booksOf([a]))
      .filter((item) => item.type === 'STOCK_MOVEMENT')
      .map((item) => item.kind);
    expect(kinds.sort()).toEqual(['commit', 'release', 'reserve', 'reserve', 'restock', 'seller-delta']);
  });

  it('adds up on a sharded product, whose moves spread over its shards', async () => {
    const productId = await newProduct(30);
    await repository.enableSharding(productId, seller, 4, now());
    await repository.adjust(productId, seller, 9, undefined, now());
    await repository.adjust(productId, seller, -5, undefined, now());
    const order = orderId();
    await repository.reserve(
      order,
      [{ productId, quantity: 12 }],
      new Date(Date.now() + 600_000).toISOString(),
      now(),
    );
    await repository.transition(order, ['held'], 'committed', 'commit', now());
    expect(await movementViolations([productId])).toEqual([]);
  });

  it('writes one movement item for a 50-line reservation, inside the 100-action transaction limit', async () => {
    const products = await Promise.all(Array.from({ length: 50 }, () => newProduct(3)));
    const order = orderId();
    await repository.reserve(
      order,
      products.map((productId) => ({ productId, quantity: 1 })),
      new Date(Date.now() + 600_000).toISOString(),
      now(),
    );
    const movements = (await booksOf(products)).filter(
      (item) => item.type === 'STOCK_MOVEMENT' && item.kind === 'reserve',
    );
    expect(movements).toHaveLength(1);
    expect(movements[0]!.lines).toHaveLength(50);
    expect(await movementViolations(products)).toEqual([]);
  });

  it('is what the audit catches when stock changes without a movement', async () => {
    const productId = await newProduct(10);
    await repository.adjust(productId, seller, 2, undefined, now());
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `STOCK#${productId}`, sk: 'STOCK' },
        UpdateExpression: 'SET available = available + :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    expect(await movementViolations([productId])).toEqual([
      `${productId}: stock 13/0/0 (available/reserved/sold), movements say 12/0/0`,
    ]);
  });
});
