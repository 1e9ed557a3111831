import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../shared/events';
import type { OrderRecord } from './order';

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
  /** The index entry that finds an order by a return's id, for a transition's alsoWrite. */
  returnIndexItem(returnId: string, orderId: string, sellerId: string): TransactItem;
  findReturn(returnId: string): Promise<{ orderId: string; sellerId: string } | undefined>;
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
