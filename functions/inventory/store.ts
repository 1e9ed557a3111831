/**
 * What inventory's domain needs from storage, and the shapes it speaks in. The DynamoDB adapter
 * (repository.ts) is the one implementation; the domain (service.ts) sees only this.
 */
export type ReservationState = 'held' | 'charging' | 'committed' | 'released';

/** Where a reserved quantity sits: the product's main stock record or one of its shards. */
export interface Allocation {
  sk: string;
  quantity: number;
}

export interface ReservationLine {
  productId: string;
  quantity: number;
  allocations: Allocation[];
}

export interface Reservation {
  orderId: string;
  state: ReservationState;
  lines: ReservationLine[];
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

/** A product's stock, summed over its main record and shards. */
export interface StockLevel {
  productId: string;
  sellerId: string;
  available: number;
  reserved: number;
  sold: number;
  /** Sum of the records' versions: it only ever grows, so consumers can order snapshots. */
  version: number;
  lowStockThreshold: number;
  shardCount: number;
  updatedAt: string;
  records: Array<{ sk: string; available: number }>;
}

export interface Actor {
  userId: string;
  isAdmin: boolean;
}

export interface RequestedLine {
  productId: string;
  quantity: number;
}

export interface TransitionResult {
  changed: boolean;
  state: ReservationState | undefined;
  reservation: Reservation | undefined;
}

/**
 * The only way stock moves. Every move is conditional on the invariant it keeps (`available >= q`
 * to reserve, `reserved >= q` to commit or release), and every reservation state change is
 * conditional on the state it leaves, together with its stock moves.
 */
export interface InventoryStore {
  getStock(productId: string): Promise<StockLevel | undefined>;
  getReservation(orderId: string): Promise<Reservation | undefined>;
  /** Every line or none; a second reserve for the same order moves nothing and returns the first. */
  reserve(
    orderId: string,
    lines: RequestedLine[],
    expiresAt: string,
    now: string,
  ): Promise<{ reservation: Reservation; created: boolean }>;
  /** From one of `from` to `to` with its stock moves; when not in `from`, reports the state found. */
  transition(
    orderId: string,
    from: ReservationState[],
    to: ReservationState,
    move: 'commit' | 'release' | 'none',
    now: string,
    options?: { expiredBy?: string; notExpiredAt?: string },
  ): Promise<TransitionResult>;
  /** Sold units of a committed reservation back to `available`, once per `restockId`. */
  restock(
    orderId: string,
    restockId: string,
    lines: RequestedLine[],
    now: string,
  ): Promise<{ changed: boolean }>;
  findExpiredHeld(now: string, limitPerBucket?: number): Promise<string[]>;
  adjust(
    productId: string,
    actor: Actor,
    delta: number,
    lowStockThreshold: number | undefined,
    now: string,
  ): Promise<void>;
  enableSharding(productId: string, actor: Actor, shardCount: number, now: string): Promise<void>;
}
