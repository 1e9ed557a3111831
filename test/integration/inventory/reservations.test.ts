import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { OutOfStockError, ReservationStateError } from '../../../functions/inventory/errors';
import { stockEventsOf } from '../../../functions/inventory/events';
import { inventoryRepository } from '../../../functions/inventory/repository';
import {
  commit,
  enableSharding,
  type InventoryDeps,
  markCharging,
  release,
  releaseExpired,
  reserve,
  restock,
} from '../../../functions/inventory/service';
import { newStockRecordPut } from '../../../functions/inventory/stock-records';
import type { DomainEvent } from '../../../shared/events';
import { newId } from '../../../shared/ids';
import { tableName, testDocumentClient } from '../../support/dynamo';
import { relayedEvents } from '../../support/relayed-events';

const doc = testDocumentClient();
const table = tableName('INVENTORY_TABLE_NAME');
const sellerId = 'usr_INVENTORYSELLER';

function makeDeps(overrides: Partial<InventoryDeps> = {}): InventoryDeps {
  return {
    inventory: inventoryRepository(doc, table),
    now: () => new Date(),
    reservationTtlSeconds: 600,
    ...overrides,
  };
}

/** What the inventory table's outbox relay sends for one product, in stream order. */
async function stockEventsFor(productId: string, deps: InventoryDeps): Promise<DomainEvent[]> {
  const events = await relayedEvents('inventory', (change) =>
    stockEventsOf(change, (id) => deps.inventory.getStock(id)),
  );
  return events.filter((event) => event.detail.product_id === productId);
}

async function newProduct(available: number): Promise<string> {
  const productId = newId('prod');
  const put = newStockRecordPut(table, { productId, sellerId, available, now: new Date().toISOString() });
  await doc.send(new PutCommand(put.Put as never));
  return productId;
}

const orderId = () => `ord_IT${randomUUID().replace(/-/g, '').slice(0, 24)}`;

describe('inventory reservations against DynamoDB Local', () => {
  const deps = makeDeps();

  it('sells exactly the stock when 500 buyers race for 50 units, never going negative', async () => {
    const productId = await newProduct(50);
    let sampling = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        const level = await deps.inventory.getStock(productId);
        samples.push(level!.available);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, () => reserve(orderId(), [{ productId, quantity: 1 }], deps)),
    );
    sampling = false;
    await sampler;
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(succeeded).toHaveLength(50);
    expect(failed.every((f) => f.reason instanceof OutOfStockError)).toBe(true);
    const level = await deps.inventory.getStock(productId);
    expect(level).toMatchObject({ available: 0, reserved: 50, sold: 0 });
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('never reserves part of an order when multi-line orders race', async () => {
    const scarce = await newProduct(10);
    const plenty = await newProduct(1000);
    const orders = Array.from({ length: 40 }, () => orderId());
    const results = await Promise.allSettled(
      orders.map((id) =>
        reserve(
          id,
          [
            { productId: plenty, quantity: 3 },
            { productId: scarce, quantity: 1 },
          ],
          deps,
        ),
      ),
    );
    const winners = results.filter((r) => r.status === 'fulfilled').length;
    expect(winners).toBe(10);
    // Every winner holds both lines; no loser holds either.
    expect(await deps.inventory.getStock(scarce)).toMatchObject({ available: 0, reserved: 10 });
    expect(await deps.inventory.getStock(plenty)).toMatchObject({
      available: 1000 - 3 * winners,
      reserved: 3 * winners,
    });
    for (const [index, id] of orders.entries()) {
      const reservation = await deps.inventory.getReservation(id);
      expect(reservation !== undefined).toBe(results[index]!.status === 'fulfilled');
    }
  }, 60_000);

  it('returns the existing reservation for a repeated reserve and moves no more stock', async () => {
    const productId = await newProduct(5);
    const id = orderId();
    const [first, second] = await Promise.all([
      reserve(id, [{ productId, quantity: 2 }], deps),
      reserve(id, [{ productId, quantity: 2 }], deps),
    ]);
    expect(second.orderId).toBe(first.orderId);
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 3, reserved: 2 });
  });

  it('restores stock once when a reservation is released twice (also concurrently)', async () => {
    const productId = await newProduct(5);
    const id = orderId();
    await reserve(id, [{ productId, quantity: 4 }], deps);
    const results = await Promise.all([release(id, deps), release(id, deps), release(id, deps)]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(results.every((r) => r.state === 'released')).toBe(true);
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
  });

  it('commits a charging reservation once and refuses to commit after release', async () => {
    const productId = await newProduct(5);
    const paid = orderId();
    await reserve(paid, [{ productId, quantity: 2 }], deps);
    await markCharging(paid, deps);
    expect(await commit(paid, deps)).toEqual({ state: 'committed', changed: true });
    expect(await commit(paid, deps)).toEqual({ state: 'committed', changed: false });
    expect(await release(paid, deps)).toEqual({ state: 'committed', changed: false });
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 2 });

    const abandoned = orderId();
    await reserve(abandoned, [{ productId, quantity: 1 }], deps);
    await release(abandoned, deps);
    await expect(commit(abandoned, deps)).rejects.toBeInstanceOf(ReservationStateError);
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
  });

  it('refuses to start charging an expired reservation', async () => {
    const productId = await newProduct(3);
    const id = orderId();
    const past = makeDeps({ reservationTtlSeconds: -1 });
    await reserve(id, [{ productId, quantity: 1 }], past);
    await expect(markCharging(id, deps)).rejects.toMatchObject({ code: 'RESERVATION_EXPIRED' });
  });

  it('sweeps exactly the expired held reservations, never charging or fresh ones', async () => {
    const productId = await newProduct(10);
    const expiredDeps = makeDeps({ reservationTtlSeconds: 1 });
    const expired = orderId();
    const charging = orderId();
    const fresh = orderId();
    await reserve(expired, [{ productId, quantity: 1 }], expiredDeps);
    await reserve(charging, [{ productId, quantity: 2 }], expiredDeps);
    await markCharging(charging, deps);
    await reserve(fresh, [{ productId, quantity: 3 }], deps);
    const later = makeDeps({ now: () => new Date(Date.now() + 5_000) });
    const { released } = await releaseExpired(later);
    expect(released).toContain(expired);
    expect(released).not.toContain(charging);
    expect(released).not.toContain(fresh);
    expect((await deps.inventory.getReservation(expired))?.state).toBe('released');
    expect((await deps.inventory.getReservation(charging))?.state).toBe('charging');
    expect((await deps.inventory.getReservation(fresh))?.state).toBe('held');
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 5, reserved: 5 });
    expect((await releaseExpired(later)).released).not.toContain(expired);
  });

  it('returns sold units to the shelf once per restock id', async () => {
    const productId = await newProduct(4);
    const id = orderId();
    await reserve(id, [{ productId, quantity: 3 }], deps);
    await markCharging(id, deps);
    await commit(id, deps);
    const results = await Promise.all(
      [1, 2, 3].map(() => restock(id, 'cancel', [{ productId, quantity: 3 }], deps)),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 4, reserved: 0, sold: 0 });
  });

  it('announces StockChanged with each new level and StockLow once per crossing, from the stream alone', async () => {
    const local = makeDeps();
    const productId = await newProduct(8);
    await reserve(orderId(), [{ productId, quantity: 2 }], local);
    await reserve(orderId(), [{ productId, quantity: 2 }], local);
    await reserve(orderId(), [{ productId, quantity: 1 }], local);
    const events = await stockEventsFor(productId, local);
    const changes = events.filter((e) => e.detailType === 'StockChanged');
    expect(changes.map((e) => e.detail.available)).toEqual([8, 6, 4, 3]);
    expect(changes.map((e) => e.detail.stock_status)).toEqual([
      'in_stock',
      'in_stock',
      'low_stock',
      'low_stock',
    ]);
    expect(changes.map((e) => e.detail.eventId)).toEqual(
      changes.map((e) => `evt_stock_${productId}_v${e.detail.version}`),
    );
    const versions = changes.map((e) => e.detail.version as number);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(events.filter((e) => e.detailType === 'StockLow')).toHaveLength(1);
    // Read again, the stream yields the very same events: consumers recognise them.
    expect(await stockEventsFor(productId, local)).toEqual(events);
  });

  it('announces a sharded product’s whole stock when one of its shards moves', async () => {
    const local = makeDeps();
    const productId = await newProduct(40);
    await enableSharding(productId, { userId: sellerId, isAdmin: false }, 4, local);
    await reserve(orderId(), [{ productId, quantity: 3 }], local);
    const last = (await stockEventsFor(productId, local))
      .filter((e) => e.detailType === 'StockChanged')
      .at(-1)!;
    const level = (await local.inventory.getStock(productId))!;
    expect(last.detail).toMatchObject({ available: 37, version: level.version });
  });
});

describe('sharded stock keeps the same guarantees', () => {
  const deps = makeDeps();

  it('sells exactly 50 units over 8 shards when 500 buyers race', async () => {
    const productId = await newProduct(50);
    await enableSharding(productId, { userId: sellerId, isAdmin: false }, 8, deps);
    const shardedLevel = await deps.inventory.getStock(productId);
    expect(shardedLevel).toMatchObject({ available: 50, shardCount: 8 });
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, () => reserve(orderId(), [{ productId, quantity: 1 }], deps)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
    const level = await deps.inventory.getStock(productId);
    expect(level).toMatchObject({ available: 0, reserved: 50 });
    expect(level!.records.every((record) => record.available >= 0)).toBe(true);
  }, 60_000);

  it('serves a quantity larger than any one shard by spreading it, all or nothing', async () => {
    const productId = await newProduct(12);
    await enableSharding(productId, { userId: sellerId, isAdmin: false }, 4, deps);
    const big = orderId();
    const reservation = await reserve(big, [{ productId, quantity: 7 }], deps);
    expect(reservation.lines[0]!.allocations.length).toBeGreaterThan(1);
    await expect(reserve(orderId(), [{ productId, quantity: 6 }], deps)).rejects.toBeInstanceOf(
      OutOfStockError,
    );
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 5, reserved: 7 });
    await release(big, deps);
    expect(await deps.inventory.getStock(productId)).toMatchObject({ available: 12, reserved: 0 });
  });
});
