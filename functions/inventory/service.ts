import { ForbiddenError, ValidationError } from '../../shared/errors';
import {
  ReservationExpiredError,
  ReservationNotFoundError,
  ReservationStateError,
  StockRecordNotFoundError,
} from './errors';
import { type StockStatus, stockStatusOf } from './stock-records';
import type { Actor, InventoryStore, Reservation, ReservationState, StockLevel } from './store';

export interface InventoryDeps {
  inventory: InventoryStore;
  now: () => Date;
  reservationTtlSeconds: number;
}

export interface ReserveLine {
  productId: string;
  quantity: number;
}

/** A reservation must fit one TransactWriteItems (100 actions) with room for sharded lines. */
export const MAX_RESERVATION_LINES = 50;

export interface SellerStockView {
  product_id: string;
  available: number;
  reserved: number;
  sold: number;
  low_stock_threshold: number;
  stock_status: StockStatus;
  shard_count: number;
  version: number;
  updated_at: string;
}

/**
 * Reserves all lines for an order, or none (OutOfStockError names the lines that lack
 * stock). Repeating it for the same order returns the existing reservation and moves nothing.
 */
export async function reserve(
  orderId: string,
  lines: ReserveLine[],
  deps: InventoryDeps,
): Promise<Reservation> {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw ValidationError.forField('quantity', 'must be a positive whole number');
    }
    merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  }
  if (merged.size === 0 || merged.size > MAX_RESERVATION_LINES) {
    throw ValidationError.forField('lines', `must hold 1 to ${MAX_RESERVATION_LINES} products`);
  }
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.reservationTtlSeconds * 1000).toISOString();
  const { reservation } = await deps.inventory.reserve(
    orderId,
    [...merged].map(([productId, quantity]) => ({ productId, quantity })),
    expiresAt,
    now.toISOString(),
  );
  return reservation;
}

/**
 * The saga marks a reservation `charging` just before it charges: only from `held`, and only
 * while it has not expired, so the sweeper can never release stock that is being paid for.
 */
export async function markCharging(orderId: string, deps: InventoryDeps): Promise<Reservation> {
  const result = await deps.inventory.transition(
    orderId,
    ['held'],
    'charging',
    'none',
    deps.now().toISOString(),
    {
      notExpiredAt: deps.now().toISOString(),
    },
  );
  if (result.changed) return result.reservation!;
  if (!result.reservation) throw new ReservationNotFoundError();
  if (result.state === 'charging' || result.state === 'committed') return result.reservation;
  if (result.state === 'held') throw new ReservationExpiredError(orderId);
  throw new ReservationStateError(orderId, result.state ?? 'missing', 'charging');
}

/** charging → committed (reserved → sold). A repeat is a no-op; after a release it is refused. */
export async function commit(
  orderId: string,
  deps: InventoryDeps,
): Promise<{ state: ReservationState; changed: boolean }> {
  const result = await deps.inventory.transition(
    orderId,
    ['charging'],
    'committed',
    'commit',
    deps.now().toISOString(),
  );
  if (!result.reservation) throw new ReservationNotFoundError();
  if (result.changed) return { state: 'committed', changed: true };
  if (result.state === 'committed') return { state: 'committed', changed: false };
  throw new ReservationStateError(orderId, result.state ?? 'missing', 'committed');
}

/**
 * held or charging → released (reserved → available). A repeat is a no-op that reports the
 * state it found, so stock is never released twice, and a committed reservation stays sold.
 */
export async function release(
  orderId: string,
  deps: InventoryDeps,
): Promise<{ state: ReservationState | 'none'; changed: boolean }> {
  const result = await deps.inventory.transition(
    orderId,
    ['held', 'charging'],
    'released',
    'release',
    deps.now().toISOString(),
  );
  if (!result.reservation) return { state: 'none', changed: false };
  return { state: result.state ?? 'none', changed: result.changed };
}

/** The schedule's sweep: releases held reservations past their time, never charging ones. */
export async function releaseExpired(deps: InventoryDeps): Promise<{ released: string[] }> {
  const now = deps.now().toISOString();
  const released: string[] = [];
  for (const orderId of await deps.inventory.findExpiredHeld(now)) {
    const result = await deps.inventory.transition(orderId, ['held'], 'released', 'release', now, {
      expiredBy: now,
    });
    if (result.changed) released.push(orderId);
  }
  return { released };
}

/** Sold units of an order go back on the shelf (a cancellation or a resellable return), once per `restockId`. */
export async function restock(
  orderId: string,
  restockId: string,
  lines: ReserveLine[],
  deps: InventoryDeps,
): Promise<{ changed: boolean }> {
  return deps.inventory.restock(orderId, restockId, lines, deps.now().toISOString());
}

export async function adjustStock(
  productId: string,
  actor: Actor,
  change: { stockDelta: number; lowStockThreshold?: number },
  deps: InventoryDeps,
): Promise<SellerStockView> {
  await deps.inventory.adjust(
    productId,
    actor,
    change.stockDelta,
    change.lowStockThreshold,
    deps.now().toISOString(),
  );
  return sellerView((await currentLevel(productId, deps))!);
}

export async function getSellerStock(
  productId: string,
  actor: Actor,
  deps: InventoryDeps,
): Promise<SellerStockView> {
  const level = await deps.inventory.getStock(productId);
  if (!level) throw new StockRecordNotFoundError();
  if (!actor.isAdmin && level.sellerId !== actor.userId) {
    throw new ForbiddenError('This product belongs to another seller', 'NOT_YOUR_PRODUCT');
  }
  return sellerView(level);
}

export async function enableSharding(
  productId: string,
  actor: Actor,
  shardCount: number,
  deps: InventoryDeps,
) {
  await deps.inventory.enableSharding(productId, actor, shardCount, deps.now().toISOString());
  return sellerView((await currentLevel(productId, deps))!);
}

/** Inventory's exported read for other services (the cart's availability warnings). */
export async function getAvailability(
  productIds: string[],
  deps: Pick<InventoryDeps, 'inventory'>,
): Promise<Map<string, { available: number; stockStatus: StockStatus }>> {
  const levels = await Promise.all(productIds.map((id) => deps.inventory.getStock(id)));
  const result = new Map<string, { available: number; stockStatus: StockStatus }>();
  for (const level of levels) {
    if (level)
      result.set(level.productId, {
        available: level.available,
        stockStatus: stockStatusOf(level.available, level.lowStockThreshold),
      });
  }
  return result;
}

/** The stock just written, read back for the seller's answer (StockChanged goes out from the stream). */
async function currentLevel(productId: string, deps: InventoryDeps): Promise<StockLevel | undefined> {
  return deps.inventory.getStock(productId);
}

function sellerView(level: StockLevel): SellerStockView {
  return {
    product_id: level.productId,
    available: level.available,
    reserved: level.reserved,
    sold: level.sold,
    low_stock_threshold: level.lowStockThreshold,
    stock_status: stockStatusOf(level.available, level.lowStockThreshold),
    shard_count: level.shardCount,
    version: level.version,
    updated_at: level.updatedAt,
  };
}
