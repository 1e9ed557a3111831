import { ulid } from 'ulid';
import type { TransactItem } from '../../shared/guarded-transaction';

export type MovementKind = 'seller-delta' | 'reserve' | 'commit' | 'release' | 'restock';

/** What one move does to a product's three counters (summed over its main record and shards). */
export interface MovementLine {
  product_id: string;
  available: number;
  reserved: number;
  sold: number;
}

export const MOVEMENT_PREFIX = 'MOVE#';

/** The counters each kind of move shifts a quantity between. */
const DELTAS: Record<
  Exclude<MovementKind, 'seller-delta'>,
  (q: number) => Omit<MovementLine, 'product_id'>
> = {
  reserve: (q) => ({ available: -q, reserved: q, sold: 0 }),
  commit: (q) => ({ available: 0, reserved: -q, sold: q }),
  release: (q) => ({ available: q, reserved: -q, sold: 0 }),
  restock: (q) => ({ available: q, reserved: 0, sold: -q }),
};

/** One product's line of a move, its allocations over shards already added up. */
export function movementLines(
  kind: MovementKind,
  quantities: Array<{ productId: string; quantity: number }>,
): MovementLine[] {
  const byProduct = new Map<string, number>();
  for (const { productId, quantity } of quantities) {
    byProduct.set(productId, (byProduct.get(productId) ?? 0) + quantity);
  }
  return [...byProduct].map(([productId, quantity]) => ({
    product_id: productId,
    ...(kind === 'seller-delta' ? { available: quantity, reserved: 0, sold: 0 } : DELTAS[kind](quantity)),
  }));
}

/**
 * The trace of a stock change, written in the change's own transaction so the books can be
 * re-added: a product's counters always equal its opening stock plus its movements. One item
 * per transaction, listing every product it touched, so a 50-line reservation costs one more
 * action (52 of DynamoDB's 100), not 50. Its partition is its own (never `STOCK#`), so the
 * inventory stream's filter, the hot stock items and the expiry index never see it.
 */
export function stockMovementPut(
  tableName: string,
  kind: MovementKind,
  reference: string,
  lines: MovementLine[],
  now: string,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: `${MOVEMENT_PREFIX}${ulid()}`,
        sk: 'MOVE',
        type: 'STOCK_MOVEMENT',
        kind,
        reference,
        product_ids: lines.map((line) => line.product_id),
        lines,
        created_at: now,
      },
    },
  };
}
