import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ProductVersionConflictError } from '../../../functions/catalog/errors';
import { productEventsOf } from '../../../functions/catalog/events';
import type { ProductRecord } from '../../../functions/catalog/product';
import { productRepository } from '../../../functions/catalog/repository';
import { newStockRecordPut, stockKey } from '../../../functions/inventory/stock-records';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { aProduct } from '../../support/products';
import { relayedEvents } from '../../support/relayed-events';

const doc = testDocumentClient();
const productsTable = tableName('PRODUCTS_TABLE_NAME');
const inventoryTable = tableName('INVENTORY_TABLE_NAME');
const products = productRepository(doc, productsTable);
const now = new Date().toISOString();

function newProduct(overrides: Partial<ProductRecord> = {}): ProductRecord {
  return aProduct({ title: 'Integration Kettle', priceCents: 2999, ...overrides });
}

describe('product repository against DynamoDB Local', () => {
  it('writes a product and its stock record together', async () => {
    const product = newProduct();
    await products.createWithStock(
      product,
      newStockRecordPut(inventoryTable, {
        productId: product.productId,
        sellerId: product.sellerId,
        available: 7,
        now,
      }),
    );
    expect(await products.get(product.productId)).toEqual(product);
    const { Item } = await doc.send(
      new GetCommand({ TableName: inventoryTable, Key: stockKey(product.productId) }),
    );
    expect(Item).toMatchObject({ available: 7, reserved: 0, sold: 0, version: 1 });
  });

  it('writes neither when the stock record cannot be written', async () => {
    const product = newProduct();
    // A stock record already exists for this id, so the transaction's stock Put must fail…
    await doc.send(
      new PutCommand({ TableName: inventoryTable, Item: { ...stockKey(product.productId), available: 3 } }),
    );
    await expect(
      products.createWithStock(
        product,
        newStockRecordPut(inventoryTable, {
          productId: product.productId,
          sellerId: product.sellerId,
          available: 9,
          now,
        }),
      ),
    ).rejects.toThrow();
    // …and with it the product write: neither happened.
    expect(await products.get(product.productId)).toBeUndefined();
    const { Item } = await doc.send(
      new GetCommand({ TableName: inventoryTable, Key: stockKey(product.productId) }),
    );
    expect(Item?.available).toBe(3);
  });

  it('refuses a save based on a stale version', async () => {
    const product = newProduct();
    await products.createWithStock(
      product,
      newStockRecordPut(inventoryTable, {
        productId: product.productId,
        sellerId: product.sellerId,
        available: 1,
        now,
      }),
    );
    await products.save({ ...product, title: 'Renamed', version: 2 }, 1);
    await expect(products.save({ ...product, title: 'Stale', version: 2 }, 1)).rejects.toBeInstanceOf(
      ProductVersionConflictError,
    );
    expect((await products.get(product.productId))?.title).toBe('Renamed');
  });

  it('pages a seller’s list, newest first, drafts included', async () => {
    const sellerId = newId('usr');
    const created: ProductRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const product = newProduct({
        sellerId,
        category: 'puzzles',
        listing: i === 0 ? 'draft' : 'active',
        createdAt: new Date(Date.now() + i).toISOString(),
      });
      created.push(product);
      await products.createWithStock(
        product,
        newStockRecordPut(inventoryTable, { productId: product.productId, sellerId, available: 1, now }),
      );
    }
    const first = await products.listBySeller(sellerId, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await products.listBySeller(sellerId, { limit: 3, cursor: first.nextCursor! });
    const all = [...first.items, ...second.items].map((p) => p.productId);
    expect(new Set(all).size).toBe(5);
    expect(all).toContain(created[0]!.productId);
    expect(all[0]).toBe(created[4]!.productId);
  });

  it('applies only newer StockChanged snapshots, and an empty shelf shows out_of_stock', async () => {
    const product = newProduct({ stockVersion: 3 });
    await products.createWithStock(
      product,
      newStockRecordPut(inventoryTable, {
        productId: product.productId,
        sellerId: product.sellerId,
        available: 0,
        now,
      }),
    );
    expect(await products.applyStock(product.productId, 'out_of_stock', 5)).toBe(true);
    expect(await products.applyStock(product.productId, 'in_stock', 4)).toBe(false);
    const stored = await products.get(product.productId);
    expect(stored).toMatchObject({ stockStatus: 'out_of_stock', stockVersion: 5 });
    const { Item } = await doc.send(
      new GetCommand({
        TableName: productsTable,
        Key: { pk: `PRODUCT#${product.productId}`, sk: 'PRODUCT' },
      }),
    );
    expect(Item?.status).toBe('out_of_stock');
  });

  it('announces ProductChanged per seller change from the stream, and nothing for a stock badge it was told', async () => {
    const product = newProduct();
    await products.createWithStock(
      product,
      newStockRecordPut(inventoryTable, {
        productId: product.productId,
        sellerId: product.sellerId,
        available: 3,
        now,
      }),
    );
    await products.save(
      { ...product, title: 'Renamed Kettle', version: product.version + 1 },
      product.version,
    );
    await products.applyStock(product.productId, 'low_stock', 7);
    const events = (await relayedEvents('products', productEventsOf)).filter(
      (event) => event.detail.product_id === product.productId,
    );
    expect(events.map((event) => [event.detailType, event.detail.eventId, event.detail.title])).toEqual([
      ['ProductChanged', `evt_product_${product.productId}_v${product.version}`, 'Integration Kettle'],
      ['ProductChanged', `evt_product_${product.productId}_v${product.version + 1}`, 'Renamed Kettle'],
    ]);
  });

  it('rejects a cursor that belongs to another seller', async () => {
    const forged = Buffer.from(
      JSON.stringify({ seller_id: 'usr_OTHER', pk: 'x', sk: 'y', created_at: now }),
    ).toString('base64url');
    await expect(products.listBySeller(newId('usr'), { limit: 3, cursor: forged })).rejects.toMatchObject({
      status: 400,
    });
  });
});
