import * as z from 'zod';
import { idOf } from '../../shared/schemas/common';

export const InventoryParams = z.object({ product_id: idOf('prod') });

export const AdjustStockBody = z.strictObject({
  stock_delta: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(-1_000_000, 'must be at least -1000000')
    .max(1_000_000, 'must be at most 1000000'),
  low_stock_threshold: z.number().int('must be a whole number').min(0).max(100_000).optional(),
});

export const ShardingBody = z.strictObject({
  shard_count: z
    .number()
    .int('must be a whole number')
    .min(2, 'must be at least 2')
    .max(64, 'must be at most 64'),
});

export const SellerStock = z.object({
  product_id: z.string(),
  available: z.number().int(),
  reserved: z.number().int(),
  sold: z.number().int(),
  low_stock_threshold: z.number().int(),
  stock_status: z.enum(['in_stock', 'low_stock', 'out_of_stock']),
  shard_count: z.number().int(),
  version: z.number().int(),
  updated_at: z.string(),
});
