import * as z from 'zod';
import { type DomainEvent, defineEvent } from '../../shared/events';
import type { EntityChange } from '../../shared/outbox';
import { DEFAULT_LOW_STOCK_THRESHOLD, type StockStatus, stockStatusOf } from './stock-records';

const SOURCE = 'bazaar.inventory';
const STOCK_STATUS = z.enum(['in_stock', 'low_stock', 'out_of_stock']);

export const StockChanged = defineEvent(
  SOURCE,
  'StockChanged',
  {
    product_id: z.string(),
    seller_id: z.string(),
    available: z.number().int().describe('Units that can be sold: the main record and its shards summed'),
    stock_status: STOCK_STATUS,
    previous_stock_status: STOCK_STATUS.nullable()
      .optional()
      .describe(
        'The badge before this write: null for a new stock record; absent in events from before it was added (treat as changed)',
      ),
  },
  {
    description:
      'A product’s stock as shoppers see it moved; consumers keep the highest version (the sum of the records’ versions)',
  },
);

export const StockLow = defineEvent(
  SOURCE,
  'StockLow',
  {
    product_id: z.string(),
    seller_id: z.string(),
    available: z.number().int(),
    low_stock_threshold: z.number().int().describe('The seller’s threshold that was crossed'),
  },
  { description: 'Available stock fell to or below the seller’s threshold (once per downward crossing)' },
);

/** A product's whole stock: the summed main record and shards. */
export interface StockSnapshot {
  sellerId: string;
  available: number;
  /** Sum of the records' versions: it only grows. */
  version: number;
  lowStockThreshold: number;
}

/**
 * StockChanged (and StockLow on a downward crossing) from a stock record's stream image. An
 * unsharded product's main record is its whole stock, so its image says everything; a shard
 * holds only part, so the product's summed stock is read (`readStock`) when a shard moves.
 * The eventId is the product and that version, so a redelivered record repeats the same event.
 */
export async function stockEventsOf(
  change: EntityChange,
  readStock: (productId: string) => Promise<StockSnapshot | undefined>,
): Promise<DomainEvent[]> {
  const { newImage, oldImage } = change;
  const pk = String(newImage.pk ?? '');
  if (!pk.startsWith('STOCK#')) return [];
  // Writes that move no stock (a flag, a timestamp) leave the version as it was.
  if (oldImage && oldImage.version === newImage.version) return [];
  const productId = pk.slice('STOCK#'.length);
  const sharded = newImage.sk !== 'STOCK' || Number(newImage.shard_count ?? 0) > 0;
  const stock: StockSnapshot | undefined = sharded
    ? await readStock(productId)
    : {
        sellerId: newImage.seller_id as string,
        available: newImage.available as number,
        version: newImage.version as number,
        lowStockThreshold:
          (newImage.low_stock_threshold as number | undefined) ?? DEFAULT_LOW_STOCK_THRESHOLD,
      };
  if (!stock) return [];
  const events = [
    StockChanged.build({
      eventId: `evt_stock_${productId}_v${stock.version}`,
      product_id: productId,
      seller_id: stock.sellerId,
      available: stock.available,
      stock_status: stockStatusOf(stock.available, stock.lowStockThreshold),
      ...previousBadge(change, sharded),
      version: stock.version,
    }),
  ];
  if (oldImage) {
    const moved = Number(newImage.available ?? 0) - Number(oldImage.available ?? 0);
    const before = stock.available - moved;
    if (before > stock.lowStockThreshold && stock.available <= stock.lowStockThreshold) {
      events.push(
        StockLow.build({
          eventId: `evt_stocklow_${productId}_v${stock.version}`,
          product_id: productId,
          seller_id: stock.sellerId,
          available: stock.available,
          low_stock_threshold: stock.lowStockThreshold,
          version: stock.version,
        }),
      );
    }
  }
  return events;
}

/**
 * The badge before the write, where the image alone says it exactly: an unsharded product's main
 * record holds its whole stock and its threshold, before and after; a new one is a new product,
 * with no badge before (null). A shard's move is judged against a total read later, which a
 * concurrent move may already include, so there it is left out (consumers treat that as changed).
 */
function previousBadge(
  { oldImage }: EntityChange,
  sharded: boolean,
): { previous_stock_status?: StockStatus | null } {
  // Sharded now, or until this write (its old image held only the main record's part).
  if (sharded || Number(oldImage?.shard_count ?? 0) > 0) return {};
  if (!oldImage) return { previous_stock_status: null };
  return {
    previous_stock_status: stockStatusOf(
      Number(oldImage.available ?? 0),
      (oldImage.low_stock_threshold as number | undefined) ?? DEFAULT_LOW_STOCK_THRESHOLD,
    ),
  };
}
