import {
  initialShardStock,
  planSharded,
  restockAllocations,
  shardAdjustments,
} from '../../../functions/inventory/shard-allocation';
import type { StockLevel } from '../../../functions/inventory/store';

const level = (records: Array<[string, number]>): StockLevel => ({
  productId: 'prd_1',
  sellerId: 'usr_1',
  available: records.reduce((sum, [, available]) => sum + available, 0),
  reserved: 0,
  sold: 0,
  version: 1,
  lowStockThreshold: 5,
  shardCount: records.length - 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  records: records.map(([sk, available]) => ({ sk, available })),
});

describe('shard allocation', () => {
  it('plans a reservation from the shard the random start picks, falling over to the next', () => {
    const stock = level([
      ['STOCK', 0],
      ['SHARD#000', 2],
      ['SHARD#001', 3],
    ]);
    expect(planSharded(stock, 4, () => 0.6)).toEqual([
      { sk: 'SHARD#001', quantity: 3 },
      { sk: 'SHARD#000', quantity: 1 },
    ]);
  });

  it('plans nothing when the shards together hold too few units', () => {
    expect(
      planSharded(
        level([
          ['STOCK', 0],
          ['SHARD#000', 2],
        ]),
        3,
        () => 0,
      ),
    ).toBeUndefined();
  });

  it('splits stock into shards that add up to what was available', () => {
    expect(initialShardStock(10, 3)).toEqual([4, 3, 3]);
  });

  it('spreads added units evenly over the shards and takes removed units from the fullest first', () => {
    const stock = level([
      ['STOCK', 1],
      ['SHARD#000', 5],
      ['SHARD#001', 2],
    ]);
    expect(shardAdjustments(stock, 3)).toEqual([
      { sk: 'SHARD#000', quantity: 2 },
      { sk: 'SHARD#001', quantity: 1 },
    ]);
    expect(shardAdjustments(stock, -6)).toEqual([
      { sk: 'SHARD#000', quantity: -5 },
      { sk: 'SHARD#001', quantity: -1 },
    ]);
  });

  it('restocks no more to a record than was reserved there', () => {
    expect(
      restockAllocations(
        [
          { sk: 'SHARD#000', quantity: 1 },
          { sk: 'SHARD#001', quantity: 2 },
        ],
        2,
      ),
    ).toEqual([
      { sk: 'SHARD#000', quantity: 1 },
      { sk: 'SHARD#001', quantity: 1 },
    ]);
  });
});
