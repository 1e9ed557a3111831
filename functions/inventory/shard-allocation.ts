import type { Allocation, StockLevel } from './store';

/**
 * Spreads a quantity over a sharded product's records, starting at a random shard so
 * concurrent buyers land on different items, and falling over to the others.
 */
export function planSharded(
  level: StockLevel,
  quantity: number,
  random = Math.random,
): Allocation[] | undefined {
  const records = level.records.filter((record) => record.available > 0);
  if (records.length === 0) return undefined;
  const start = Math.floor(random() * records.length);
  const allocations: Allocation[] = [];
  let remaining = quantity;
  for (let i = 0; i < records.length && remaining > 0; i++) {
    const record = records[(start + i) % records.length]!;
    const take = Math.min(record.available, remaining);
    allocations.push({ sk: record.sk, quantity: take });
    remaining -= take;
  }
  return remaining === 0 ? allocations : undefined;
}

/** A seller's change of a sharded product's stock, as a quantity per record (negative takes units). */
export function shardAdjustments(level: StockLevel, delta: number): Allocation[] {
  const adjustments: Allocation[] = [];
  const shards = level.records.filter((record) => record.sk !== 'STOCK');
  if (delta >= 0) {
    // New units are spread evenly so every shard can serve buyers.
    shards.forEach((shard, i) => {
      const share = Math.floor(delta / shards.length) + (i < delta % shards.length ? 1 : 0);
      if (share > 0) adjustments.push({ sk: shard.sk, quantity: share });
    });
    return adjustments;
  }
  let remaining = -delta;
  for (const record of [...level.records].sort((a, b) => b.available - a.available)) {
    if (remaining === 0) break;
    const take = Math.min(record.available, remaining);
    if (take > 0) adjustments.push({ sk: record.sk, quantity: -take });
    remaining -= take;
  }
  return adjustments;
}

/** The units each of `shardCount` new shards starts with, so they add up to `available`. */
export function initialShardStock(available: number, shardCount: number): number[] {
  const base = Math.floor(available / shardCount);
  const extra = available % shardCount;
  return Array.from({ length: shardCount }, (_, shard) => base + (shard < extra ? 1 : 0));
}

/** Which stock records a restock of `quantity` units returns them to, up to what was reserved there. */
export function restockAllocations(reserved: Allocation[], quantity: number): Allocation[] {
  const allocations: Allocation[] = [];
  let remaining = quantity;
  for (const allocation of reserved) {
    if (remaining <= 0) break;
    const take = Math.min(allocation.quantity, remaining);
    allocations.push({ sk: allocation.sk, quantity: take });
    remaining -= take;
  }
  return allocations;
}
