import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../shared/events';
import type { OrderRecord, ReturnSummary } from './order';
import type { SellerReturn } from './seller-items';

/** Another service's write that must commit with the order's (the cart claim, a stock move). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** Where a page ends; handed back as is to read the next page. */
export type PageCursor = Record<string, unknown>;

/**
 * What the orders domain needs from storage; the order's shape and rules are in order.ts. The
 * DynamoDB adapter (repository.ts) is the one implementation. An order changes only from the
 * version read, with its events (which leave through the outbox) in the same write.
 */
export interface OrderStore {
  create(order: OrderRecord, alsoWrite?: TransactItem[], events?: DomainEvent[]): Promise<void>;
  get(orderId: string): Promise<OrderRecord | undefined>;
  /** OrderVersionConflictError when the order changed since `read`. */
  saveTransition(
    read: OrderRecord,
    next: OrderRecord,
    alsoWrite?: TransactItem[],
    events?: DomainEvent[],
  ): Promise<void>;
  /** The index entry that finds a shipment by its tracking number, for a transition's alsoWrite. */
  trackingItem(carrier: string, trackingNumber: string, orderId: string, shipmentId: string): TransactItem;
  findByTracking(
    carrier: string,
    trackingNumber: string,
  ): Promise<{ orderId: string; shipmentId: string } | undefined>;
  listForSeller(
    sellerId: string,
    options: { limit: number; cursor?: string; status?: string },
  ): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }>;
  /** A return's order and seller, by the return's id (a transition writes a new return's entry). */
  findReturn(returnId: string): Promise<{ orderId: string; sellerId: string } | undefined>;
  /** A seller's returns, newest first, optionally of one status; `nextCursor` continues the list. */
  listReturnsForSeller(
    sellerId: string,
    options: { limit: number; cursor?: string; status?: ReturnSummary['status'] },
  ): Promise<{ items: SellerReturn[]; nextCursor: string | null }>;
  ordersWithProduct(userId: string, productId: string, limit?: number): Promise<string[]>;
  orderedProducts(userId: string, limit?: number): Promise<Array<{ productId: string; orderId: string }>>;
  listByUser(
    userId: string,
    options: { limit: number; cursor?: string },
  ): Promise<{ items: OrderRecord[]; nextCursor: string | null }>;
  listPendingBefore(
    before: string,
    limit: number,
    startKey?: PageCursor,
  ): Promise<{ orders: OrderRecord[]; next: PageCursor | undefined }>;
}
